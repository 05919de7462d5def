# Writes OUT: a C++ table of the Python sources under LIB (modules written in Python that
# the runtime provides), so the interpreter finds them without a file system. Run with
#   cmake -DLIB=<dir> -DOUT=<file.cpp> -P EmbedPython.cmake
file(GLOB_RECURSE _files RELATIVE ${LIB} ${LIB}/*.py)
list(SORT _files)
set(_body "")
foreach(_f ${_files})
  file(READ ${LIB}/${_f} _src)
  string(REGEX REPLACE "\\.py$" "" _mod ${_f})
  string(REGEX REPLACE "/__init__$" "" _mod ${_mod})
  string(REPLACE "/" "." _mod ${_mod})
  string(APPEND _body "    {\"${_mod}\", R\"PYSRC(${_src})PYSRC\"},\n")
endforeach()
file(WRITE ${OUT}.tmp "// Generated from src/py/runtime/lib by cmake/EmbedPython.cmake. Do not edit.\n#include \"py/runtime/library.h\"\n\nnamespace interleave::py {\n\nconst std::vector<LibraryModule>& library_modules() {\n  static const std::vector<LibraryModule> modules = {\n${_body}  };\n  return modules;\n}\n\n}  // namespace interleave::py\n")
file(COPY_FILE ${OUT}.tmp ${OUT} ONLY_IF_DIFFERENT)
