# Shared compile settings for the project's own targets.
if(RUSHES_SANITIZE)
  add_compile_options(-fsanitize=${RUSHES_SANITIZE} -fno-omit-frame-pointer -fno-sanitize-recover=undefined)
  add_link_options(-fsanitize=${RUSHES_SANITIZE})
endif()

function(rushes_target_defaults target)
  target_compile_options(${target} PRIVATE
    $<$<CXX_COMPILER_ID:GNU,Clang>:-Wall -Wextra -Wpedantic>
    $<$<CXX_COMPILER_ID:MSVC>:/W4 /permissive->)
  target_compile_definitions(${target} PRIVATE RUSHES_VERSION="${PROJECT_VERSION}")
endfunction()

# Links every QML panel module (RUSHES_QML_PLUGINS, from qml/CMakeLists.txt) into an executable that
# loads Main.qml, and defines RUSHES_HAS_<module> for each, so that app/gui/PanelPlugins.h imports
# exactly the plugins that exist.
function(rushes_link_panels target)
  target_link_libraries(${target} PRIVATE ${RUSHES_QML_PLUGINS})
  foreach(t IN LISTS RUSHES_QML_PLUGINS)
    if(NOT t MATCHES "plugin$")
      target_compile_definitions(${target} PRIVATE RUSHES_HAS_${t})
    endif()
  endforeach()
endfunction()

# rushes_add_test(NAME sources... LIBS libs...): a Qt Test executable run by CTest.
function(rushes_add_test name)
  cmake_parse_arguments(T "" "TIMEOUT" "SOURCES;LIBS;LABELS" ${ARGN})
  add_executable(${name} ${T_SOURCES})
  rushes_target_defaults(${name})
  target_link_libraries(${name} PRIVATE Qt6::Test ${T_LIBS})
  target_include_directories(${name} PRIVATE ${PROJECT_SOURCE_DIR}/tests/support)  # RunFfmpeg.h
  target_compile_definitions(${name} PRIVATE RUSHES_MEDIA_DIR="${RUSHES_MEDIA_DIR}"
                                             RUSHES_BINARY_DIR="${CMAKE_BINARY_DIR}")
  add_test(NAME ${name} COMMAND ${name})
  if(NOT T_TIMEOUT)
    set(T_TIMEOUT 600)
  endif()
  set_tests_properties(${name} PROPERTIES TIMEOUT ${T_TIMEOUT} ENVIRONMENT "QT_QPA_PLATFORM=offscreen")
  if(T_LABELS)
    set_tests_properties(${name} PROPERTIES LABELS "${T_LABELS}")
  endif()
endfunction()

# Adds every subfolder of the current folder that has a CMakeLists.txt (one area's tests each).
function(rushes_add_area_subdirectories)
  file(GLOB _dirs LIST_DIRECTORIES true RELATIVE ${CMAKE_CURRENT_SOURCE_DIR} ${CMAKE_CURRENT_SOURCE_DIR}/*)
  foreach(d IN LISTS _dirs)
    if(EXISTS ${CMAKE_CURRENT_SOURCE_DIR}/${d}/CMakeLists.txt)
      add_subdirectory(${d})
    endif()
  endforeach()
endfunction()
