# Compiles the platform layer for Windows with MinGW-w64 (-fsyntax-only): see CMakeLists.txt.
# -DCXX: the compiler's name or path; -DSOURCE_DIR: the project; -DHEADERS: the libraries' headers,
# one folder per library (CMakeLists.txt links them there).
find_program(mingw NAMES ${CXX} NO_CACHE)
if(NOT mingw)
  message(STATUS "SKIP: ${CXX} not found (Debian: apt-get install g++-mingw-w64-x86-64-posix)")
  return()
endif()

# The project's warnings (cmake/RushesTargets.cmake), as errors. The library headers come in as
# system headers; the compiler's own search path holds the MinGW-w64 C library and Windows headers.
set(common -std=c++20 -fsyntax-only -Wall -Wextra -Wpedantic -Werror -isystem ${HEADERS}
           -isystem ${HEADERS}/Imath -isystem ${HEADERS}/OpenEXR -isystem ${HEADERS}/QtCore)

# The codecs layer (no Qt): every source, and every function of NativeFile.h and PartFile.h.
file(GLOB codecs_files ${SOURCE_DIR}/codecs/src/*.cpp)
list(APPEND codecs_files ${SOURCE_DIR}/tests/portability/windows_platform_layer.cpp)
set(codecs_flags -I${SOURCE_DIR}/codecs/include -I${SOURCE_DIR}/codecs/src)

# The core's files with OS calls or file names. They link Qt, whose targets define UNICODE on Windows.
set(core_files ${SOURCE_DIR}/core/playback/internal/SystemMemory.cpp ${SOURCE_DIR}/core/processing/Backend.cpp
               ${SOURCE_DIR}/core/processing/Pipeline.cpp)
set(core_flags -DUNICODE -D_UNICODE -I${SOURCE_DIR}/core -I${SOURCE_DIR}/codecs/include)

set(failed "")
foreach(group codecs core)
  foreach(file IN LISTS ${group}_files)
    file(RELATIVE_PATH name ${SOURCE_DIR} ${file})
    execute_process(COMMAND ${mingw} ${common} ${${group}_flags} ${file}
                    RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE out)
    if(rc EQUAL 0)
      message(STATUS "ok: ${name}")
    else()
      message("${out}")
      message(STATUS "FAILED: ${name}")
      list(APPEND failed ${name})
    endif()
  endforeach()
endforeach()
if(failed)
  list(JOIN failed ", " failed)
  message(FATAL_ERROR "Does not compile for Windows (${mingw}): ${failed}")
endif()
