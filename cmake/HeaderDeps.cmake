# Header-only libraries from Debian: toml++ (lesson data) and nlohmann/json (JSON output).
# emcc must never see -I/usr/include (it would shadow its own libc headers, TOOLCHAIN.md),
# so for wasm we expose just these two folders through links in the build tree.
set(_sysdeps ${CMAKE_BINARY_DIR}/sysdeps)
foreach(_dir toml++ nlohmann)
  if(NOT EXISTS /usr/include/${_dir})
    message(FATAL_ERROR "/usr/include/${_dir} is missing: run scripts/setup.sh")
  endif()
  if(EMSCRIPTEN AND NOT EXISTS ${_sysdeps}/${_dir})
    file(MAKE_DIRECTORY ${_sysdeps})
    file(CREATE_LINK /usr/include/${_dir} ${_sysdeps}/${_dir} SYMBOLIC)
  endif()
endforeach()

add_library(interleave_header_deps INTERFACE)
# toml++ is compiled once (lesson/toml_impl.cpp), and reports errors without exceptions.
target_compile_definitions(interleave_header_deps INTERFACE TOML_HEADER_ONLY=0 TOML_EXCEPTIONS=0)
if(EMSCRIPTEN)
  target_include_directories(interleave_header_deps SYSTEM INTERFACE ${_sysdeps})
endif()
