# Shared build settings for every Kendall target.

add_library(kendall_build_flags INTERFACE)
target_compile_features(kendall_build_flags INTERFACE cxx_std_20)
target_compile_options(kendall_build_flags INTERFACE
  $<$<CXX_COMPILER_ID:GNU,Clang>:-Wall -Wextra -Wpedantic>
  $<$<AND:$<CXX_COMPILER_ID:GNU,Clang>,$<BOOL:${KENDALL_WERROR}>>:-Werror>)
if(KENDALL_SANITIZE)
  target_compile_options(kendall_build_flags INTERFACE -fsanitize=${KENDALL_SANITIZE} -fno-omit-frame-pointer)
  target_link_options(kendall_build_flags INTERFACE -fsanitize=${KENDALL_SANITIZE})
  # GCC 12 with -fsanitize=thread at -O2 reports -Wfree-nonheap-object on plain std::vector
  # destructors (model/src/network/mva.cpp: "operator delete called on pointer with nonzero
  # offset" for a vector it allocated itself) — a known false positive of its inliner
  # diagnostics. Kept as a warning, not an error, in sanitizer builds only.
  if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU" AND KENDALL_SANITIZE MATCHES "thread")
    target_compile_options(kendall_build_flags INTERFACE -Wno-error=free-nonheap-object)
  endif()
endif()

# kendall_add_library(name ALIAS alias SOURCES ... [DEPS ...] [PRIVATE_DEPS ...])
# A static library with public headers in <dir>/include and an alias kendall::<alias>.
function(kendall_add_library name)
  cmake_parse_arguments(ARG "" "ALIAS" "SOURCES;DEPS;PRIVATE_DEPS" ${ARGN})
  add_library(${name} STATIC ${ARG_SOURCES})
  add_library(kendall::${ARG_ALIAS} ALIAS ${name})
  target_include_directories(${name} PUBLIC
    $<BUILD_INTERFACE:${CMAKE_CURRENT_SOURCE_DIR}/include>)
  target_link_libraries(${name} PUBLIC ${ARG_DEPS} PRIVATE kendall_build_flags ${ARG_PRIVATE_DEPS})
  target_compile_features(${name} PUBLIC cxx_std_20)
  set_target_properties(${name} PROPERTIES POSITION_INDEPENDENT_CODE ON)
endfunction()

# kendall_add_test(name SOURCES ... [DEPS ...] [LABEL label])
# One Catch2 executable, registered with CTest test by test so failures are named.
# LABEL is one of: unit (default), validation-quick (default run), validation (long, opt-in).
# (Catch2 v2's test discovery flattens lists, so each executable carries exactly one label.)
function(kendall_add_test name)
  cmake_parse_arguments(ARG "" "LABEL" "SOURCES;DEPS" ${ARGN})
  add_executable(${name} ${ARG_SOURCES})
  target_link_libraries(${name} PRIVATE kendall_build_flags kendall_catch_main ${ARG_DEPS})
  set_target_properties(${name} PROPERTIES RUNTIME_OUTPUT_DIRECTORY ${CMAKE_BINARY_DIR}/tests)
  set(label ${ARG_LABEL})
  if(NOT label)
    set(label unit)
  endif()
  catch_discover_tests(${name}
    WORKING_DIRECTORY ${PROJECT_SOURCE_DIR}
    PROPERTIES LABELS ${label}
    EXTRA_ARGS --rng-seed 20261123)
endfunction()
