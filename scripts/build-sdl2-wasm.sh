#!/usr/bin/env bash
# Builds SDL2 for wasm from Debian's SDL2 sources with plain emcc (see TOOLCHAIN.md, pitfall 3):
# emscripten's own SDL2 port cannot be built from its frozen cache, and SDL's CMake takes minutes.
#   usage: build-sdl2-wasm.sh SDL_SOURCE_DIR OUT_DIR [threads|nothreads]   ->   OUT_DIR/libSDL2.a
# nothreads: for the page build that runs without SharedArrayBuffer (det mode only).
set -euo pipefail
src=$(cd "$1" && pwd)/src
out=$2
threads=${3:-threads}
pthread_flag=-pthread
[ "$threads" = nothreads ] && pthread_flag=
mkdir -p "$out/obj"
export NODE_PATH=${NODE_PATH:-/usr/share/nodejs}

# The emscripten port's file set, plus what SDL 2.26 added since that list was written.
files="SDL.c SDL_assert.c SDL_dataqueue.c SDL_error.c SDL_guid.c SDL_hints.c SDL_list.c SDL_log.c
SDL_utils.c atomic/SDL_atomic.c atomic/SDL_spinlock.c audio/SDL_audio.c audio/SDL_audiocvt.c
audio/SDL_audiodev.c audio/SDL_audiotypecvt.c audio/SDL_mixer.c audio/SDL_wave.c cpuinfo/SDL_cpuinfo.c
dynapi/SDL_dynapi.c events/SDL_clipboardevents.c events/SDL_displayevents.c events/SDL_dropevents.c
events/SDL_events.c events/SDL_gesture.c events/SDL_keyboard.c events/SDL_mouse.c events/SDL_quit.c
events/SDL_touch.c events/SDL_windowevents.c file/SDL_rwops.c haptic/SDL_haptic.c
hidapi/SDL_hidapi.c joystick/SDL_gamecontroller.c joystick/controller_type.c joystick/SDL_joystick.c
joystick/virtual/SDL_virtualjoystick.c power/SDL_power.c render/SDL_d3dmath.c render/SDL_render.c
render/SDL_yuv_sw.c render/opengl/SDL_render_gl.c render/opengl/SDL_shaders_gl.c
render/opengles/SDL_render_gles.c render/opengles2/SDL_render_gles2.c
render/opengles2/SDL_shaders_gles2.c render/software/SDL_blendfillrect.c
render/software/SDL_blendline.c render/software/SDL_blendpoint.c render/software/SDL_drawline.c
render/software/SDL_drawpoint.c render/software/SDL_render_sw.c render/software/SDL_rotate.c
render/software/SDL_triangle.c sensor/SDL_sensor.c sensor/dummy/SDL_dummysensor.c
stdlib/SDL_crc16.c stdlib/SDL_crc32.c stdlib/SDL_getenv.c stdlib/SDL_iconv.c stdlib/SDL_malloc.c stdlib/SDL_qsort.c
stdlib/SDL_stdlib.c stdlib/SDL_string.c stdlib/SDL_strtokr.c thread/SDL_thread.c timer/SDL_timer.c
video/SDL_RLEaccel.c video/SDL_blit.c video/SDL_blit_0.c video/SDL_blit_1.c video/SDL_blit_A.c
video/SDL_blit_N.c video/SDL_blit_auto.c video/SDL_blit_copy.c video/SDL_blit_slow.c video/SDL_bmp.c
video/SDL_clipboard.c video/SDL_egl.c video/SDL_fillrect.c video/SDL_pixels.c video/SDL_rect.c
video/SDL_shape.c video/SDL_stretch.c video/SDL_surface.c video/SDL_video.c video/SDL_yuv.c
video/emscripten/SDL_emscriptenevents.c video/emscripten/SDL_emscriptenframebuffer.c
video/emscripten/SDL_emscriptenmouse.c video/emscripten/SDL_emscriptenopengles.c
video/emscripten/SDL_emscriptenvideo.c audio/emscripten/SDL_emscriptenaudio.c
video/dummy/SDL_nullevents.c video/dummy/SDL_nullframebuffer.c video/dummy/SDL_nullvideo.c
video/yuv2rgb/yuv_rgb.c audio/disk/SDL_diskaudio.c audio/dummy/SDL_dummyaudio.c
loadso/dlopen/SDL_sysloadso.c power/emscripten/SDL_syspower.c joystick/emscripten/SDL_sysjoystick.c
filesystem/emscripten/SDL_sysfilesystem.c timer/unix/SDL_systimer.c haptic/dummy/SDL_syshaptic.c
main/dummy/SDL_dummy_main.c locale/SDL_locale.c locale/emscripten/SDL_syslocale.c misc/SDL_url.c
misc/emscripten/SDL_sysurl.c thread/pthread/SDL_syscond.c thread/pthread/SDL_sysmutex.c
thread/pthread/SDL_syssem.c thread/pthread/SDL_systhread.c thread/pthread/SDL_systls.c"
files="$files $(cd "$src" && ls libm/*.c)"

compile() { # one object per source; flattened name keeps the folder
  local f=$1 o
  o="$out/obj/$(echo "$f" | tr / _).o"
  emcc -c "$src/$f" -o "$o" -I"$src/../include" -O2 -w $pthread_flag -sUSE_SDL=0
}
export -f compile
export src out pthread_flag
echo $files | tr ' ' '\n' | xargs -P "$(nproc)" -I{} bash -c 'compile {}'
rm -f "$out/libSDL2.a"
emar rcs "$out/libSDL2.a" "$out"/obj/*.o
echo "built $out/libSDL2.a"
