# interleave_options: warnings and sanitizers every project target links against.
add_library(interleave_options INTERFACE)
target_compile_options(interleave_options INTERFACE
  -Wall -Wextra -Wpedantic -Wno-unused-parameter -Wno-missing-field-initializers)

if(INTERLEAVE_SANITIZE)
  string(REPLACE ";" "," _san "${INTERLEAVE_SANITIZE}")
  target_compile_options(interleave_options INTERFACE -fsanitize=${_san} -fno-omit-frame-pointer -g)
  target_link_options(interleave_options INTERFACE -fsanitize=${_san})
endif()

# OFF builds the page's variant for pages that are not cross-origin isolated: no
# SharedArrayBuffer, so no pthreads; det mode only, run on the browser's main thread.
option(INTERLEAVE_THREADS "Build with threads (wasm: pthreads on SharedArrayBuffer)" ON)

if(EMSCRIPTEN)
  # emcc's JS optimiser needs Debian's acorn at link time (TOOLCHAIN.md, pitfall 1), however
  # the build is started.
  set_property(GLOBAL PROPERTY RULE_LAUNCH_LINK "env NODE_PATH=/usr/share/nodejs")
  # C++ exceptions are off by default in emcc; ours use native wasm exception handling.
  target_compile_options(interleave_options INTERFACE -fwasm-exceptions)
  target_link_options(interleave_options INTERFACE -fwasm-exceptions)
  if(INTERLEAVE_THREADS)
    # Every wasm object must be built with -pthread, or the link refuses shared memory.
    target_compile_options(interleave_options INTERFACE -pthread)
    target_link_options(interleave_options INTERFACE -pthread)
  endif()
else()
  find_package(Threads REQUIRED)
  target_link_libraries(interleave_options INTERFACE Threads::Threads)
endif()

# Adds a library made of every .cpp in the folder (so new files need no CMake edit).
function(interleave_layer name)
  cmake_parse_arguments(L "" "" "DEPS" ${ARGN})
  file(GLOB _sources CONFIGURE_DEPENDS ${CMAKE_CURRENT_SOURCE_DIR}/*.cpp)
  if(_sources)
    add_library(${name} STATIC ${_sources})
    target_include_directories(${name} PUBLIC ${CMAKE_SOURCE_DIR}/src)
    target_link_libraries(${name} PUBLIC interleave_options ${L_DEPS})
  else()
    add_library(${name} INTERFACE)
    target_include_directories(${name} INTERFACE ${CMAKE_SOURCE_DIR}/src)
    target_link_libraries(${name} INTERFACE interleave_options ${L_DEPS})
  endif()
endfunction()
