# tf_add_module(<target> <folder> [PUBLIC ...] [PRIVATE ...]): one static library per
# concept folder. Sources are every *.c in the folder; headers are included as
# "folder/file.h" from the repository root, so an include line always shows the layer it
# crosses. Dependencies are by need: PUBLIC = modules the folder's headers include (users
# of the headers need them too); PRIVATE = what only the .c files use (other modules,
# external libraries, OpenMP where the pragmas are, m where libm is called).
function(tf_add_module target dir)
  cmake_parse_arguments(M "" "" "PUBLIC;PRIVATE" ${ARGN})
  file(GLOB srcs CONFIGURE_DEPENDS ${CMAKE_SOURCE_DIR}/${dir}/*.c)
  if(NOT srcs)
    set(stub ${CMAKE_BINARY_DIR}/stubs/${target}_empty.c)
    file(WRITE ${stub} "/* ${dir} has no sources yet */\ntypedef int tf_empty_unit_${target};\n")
    set(srcs ${stub})
  endif()
  add_library(${target} STATIC ${srcs})
  target_include_directories(${target} PUBLIC ${CMAKE_SOURCE_DIR})
  target_link_libraries(${target} PUBLIC ${M_PUBLIC} PRIVATE ${M_PRIVATE})
endfunction()

# tf_add_test(<name> SOURCES ... LIBS ... LABELS ... [ARGS ...] [THREADS n] [TIMEOUT s])
# Registers one CTest test; labels are unit | validation | integration | mpi | slow.
# LIBS lists what the test sources use themselves (modules, NetCDF, LAPACKE, OpenMP).
# Tests find their reference inputs (tests/data) through TIANFU_SOURCE_DIR.
function(tf_add_test name)
  cmake_parse_arguments(T "" "THREADS;TIMEOUT" "SOURCES;LIBS;LABELS;ARGS;COMMAND" ${ARGN})
  if(T_SOURCES)
    add_executable(${name} ${T_SOURCES} ${CMAKE_SOURCE_DIR}/tests/tf_test.c)
    target_include_directories(${name} PRIVATE ${CMAKE_SOURCE_DIR}/tests)
    target_link_libraries(${name} PRIVATE ${T_LIBS} m)  # m: tf_test.c
    target_compile_definitions(${name} PRIVATE TIANFU_SOURCE_DIR="${CMAKE_SOURCE_DIR}"
      TIANFU_BINARY_DIR="${CMAKE_BINARY_DIR}")
    add_test(NAME ${name} COMMAND ${name} ${T_ARGS})
  else()
    add_test(NAME ${name} COMMAND ${T_COMMAND} ${T_ARGS})
  endif()
  if(NOT T_THREADS)
    set(T_THREADS 1)
  endif()
  if(NOT T_TIMEOUT)
    set(T_TIMEOUT 300)
  endif()
  set_tests_properties(${name} PROPERTIES LABELS "${T_LABELS}" TIMEOUT ${T_TIMEOUT}
    PROCESSORS ${T_THREADS} SKIP_RETURN_CODE 77 ENVIRONMENT "OMP_NUM_THREADS=${T_THREADS};TIANFU_SOURCE_DIR=${CMAKE_SOURCE_DIR};TIANFU_BINARY_DIR=${CMAKE_BINARY_DIR}")
endfunction()
