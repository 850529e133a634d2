# Helpers that give every winnow target the same flags, aliases and labels.

include_guard(GLOBAL)

# Flags shared by our own targets only (linked PRIVATE; never leaks to users).
add_library(winnow_flags INTERFACE)
target_compile_features(winnow_flags INTERFACE cxx_std_20)
target_compile_options(winnow_flags INTERFACE
  -Wall -Wextra -Wpedantic -Wshadow -Wconversion -Wno-sign-conversion
  $<$<BOOL:${WINNOW_WERROR}>:-Werror>
  $<$<BOOL:${WINNOW_NATIVE}>:-march=native>)
# Optimized builds use -O3 for our own code: 5-11% less CPU than -O2 on the
# end-to-end run (README, Performance). GCC 12 at -O3 reports a false
# -Wrestrict inside libstdc++'s char_traits copy (GCC bug 105329), so that
# one warning is off there.
option(WINNOW_O3 "Compile winnow's own code with -O3 in Release and RelWithDebInfo" ON)
if(WINNOW_O3)
  target_compile_options(winnow_flags INTERFACE
    $<$<CONFIG:Release,RelWithDebInfo>:-O3>
    $<$<AND:$<CONFIG:Release,RelWithDebInfo>,$<CXX_COMPILER_ID:GNU>>:-Wno-restrict>)
endif()
if(WINNOW_SANITIZE)
  list(JOIN WINNOW_SANITIZE "," _winnow_san)
  target_compile_options(winnow_flags INTERFACE
    -fsanitize=${_winnow_san} -fno-omit-frame-pointer -fno-sanitize-recover=all)
  target_link_options(winnow_flags INTERFACE -fsanitize=${_winnow_san})
endif()

# Fuzzing: every winnow library gets libFuzzer's coverage instrumentation;
# the fuzz targets themselves link the libFuzzer driver (tests/fuzz).
if(WINNOW_BUILD_FUZZERS)
  if(NOT CMAKE_CXX_COMPILER_ID STREQUAL "Clang")
    message(FATAL_ERROR "WINNOW_BUILD_FUZZERS needs clang (use the fuzz preset)")
  endif()
  target_compile_options(winnow_flags INTERFACE -fsanitize=fuzzer-no-link)
endif()

# winnow_add_library(NAME SRCS a.cc ... DEPS winnow::base ...)
# Creates the static library winnow_NAME with the alias winnow::NAME.
function(winnow_add_library name)
  cmake_parse_arguments(ARG "" "" "SRCS;HDRS;DEPS;PRIVATE_DEPS" ${ARGN})
  if(ARG_SRCS)
    add_library(winnow_${name} STATIC ${ARG_SRCS} ${ARG_HDRS})
    target_include_directories(winnow_${name} PUBLIC
      $<BUILD_INTERFACE:${PROJECT_SOURCE_DIR}/lib>)
    target_link_libraries(winnow_${name} PUBLIC ${ARG_DEPS}
      PRIVATE winnow_flags ${ARG_PRIVATE_DEPS})
  else()
    add_library(winnow_${name} INTERFACE ${ARG_HDRS})
    target_include_directories(winnow_${name} INTERFACE
      $<BUILD_INTERFACE:${PROJECT_SOURCE_DIR}/lib>)
    target_link_libraries(winnow_${name} INTERFACE ${ARG_DEPS})
  endif()
  add_library(winnow::${name} ALIAS winnow_${name})
endfunction()

# winnow_add_test(NAME SRCS x_test.cc DEPS winnow::text [LABELS unit])
function(winnow_add_test name)
  cmake_parse_arguments(ARG "" "" "SRCS;DEPS;LABELS" ${ARGN})
  if(NOT ARG_LABELS)
    set(ARG_LABELS unit)
  endif()
  add_executable(${name} ${ARG_SRCS})
  target_link_libraries(${name} PRIVATE ${ARG_DEPS} winnow::testing
    GTest::gtest GTest::gtest_main winnow_flags)
  gtest_discover_tests(${name}
    PROPERTIES LABELS "${ARG_LABELS}"
    ENVIRONMENT "WINNOW_SOURCE_DIR=${PROJECT_SOURCE_DIR}"
    DISCOVERY_TIMEOUT 60)
endfunction()

# winnow_add_benchmark(NAME SRCS x_benchmark.cc DEPS ...)
function(winnow_add_benchmark name)
  cmake_parse_arguments(ARG "" "" "SRCS;DEPS" ${ARGN})
  add_executable(${name} ${ARG_SRCS})
  target_link_libraries(${name} PRIVATE ${ARG_DEPS} benchmark::benchmark winnow_flags)
endfunction()
