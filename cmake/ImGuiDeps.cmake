# interleave_imgui: Dear ImGui 1.86 with the SDL2 and OpenGL3 backends.
# Native: Debian's libimgui-dev (its libimgui.a already holds both backends).
# Web: compiled from the sources scripts/setup.sh fetched with `apt-get source imgui`,
# against the SDL2 it built for wasm, with WebGL2 (GLES3) and 32-bit draw indices.
if(TARGET interleave_imgui)
  return()
endif()

if(EMSCRIPTEN)
  set(_imgui ${INTERLEAVE_DEPS_DIR}/imgui)
  set(_sdl ${INTERLEAVE_DEPS_DIR}/sdl2)
  set(_sdl_lib ${INTERLEAVE_DEPS_DIR}/sdl2-wasm/libSDL2.a)
  if(NOT INTERLEAVE_THREADS)
    set(_sdl_lib ${INTERLEAVE_DEPS_DIR}/sdl2-wasm-st/libSDL2.a)
  endif()
  if(NOT EXISTS ${_imgui}/imgui.cpp OR NOT EXISTS ${_sdl_lib})
    message(FATAL_ERROR "ImGui/SDL2 sources for wasm are missing: run scripts/setup.sh")
  endif()
  add_library(interleave_imgui STATIC
    ${_imgui}/imgui.cpp ${_imgui}/imgui_draw.cpp ${_imgui}/imgui_tables.cpp
    ${_imgui}/imgui_widgets.cpp
    ${_imgui}/backends/imgui_impl_sdl.cpp ${_imgui}/backends/imgui_impl_opengl3.cpp)
  target_include_directories(interleave_imgui SYSTEM PUBLIC ${_imgui} ${_imgui}/backends ${_sdl}/include)
  target_compile_definitions(interleave_imgui PUBLIC IMGUI_IMPL_OPENGL_ES3 "ImDrawIdx=unsigned int")
  target_compile_options(interleave_imgui PUBLIC -sUSE_SDL=0)
  if(INTERLEAVE_THREADS)
    target_compile_options(interleave_imgui PUBLIC -pthread)
  endif()
  target_link_libraries(interleave_imgui PUBLIC ${_sdl_lib})
  target_link_options(interleave_imgui PUBLIC -sUSE_SDL=0 -sMIN_WEBGL_VERSION=2 -sMAX_WEBGL_VERSION=2)
else()
  find_package(PkgConfig REQUIRED)
  pkg_check_modules(IMGUI REQUIRED IMPORTED_TARGET imgui)
  pkg_check_modules(SDL2 REQUIRED IMPORTED_TARGET sdl2)
  add_library(interleave_imgui INTERFACE)
  target_include_directories(interleave_imgui SYSTEM INTERFACE /usr/include/imgui/backends)
  target_link_libraries(interleave_imgui INTERFACE PkgConfig::IMGUI PkgConfig::SDL2)
endif()
