// Helpers shared by winnow's tests.
//
//   std::string dir = SharedDir();   // "" when ../shared is absent
//   if (dir.empty()) GTEST_SKIP() << "../shared not present";
//
// Thread-compatible; no state.

#ifndef WINNOW_TESTS_TESTING_TEST_UTIL_H_
#define WINNOW_TESTS_TESTING_TEST_UTIL_H_

#include <string>

namespace winnow::testing {

// The project's source folder (from WINNOW_SOURCE_DIR, set by CTest).
std::string SourceDir();

// The shared folder beside the project (<source>/../shared), or "" when it is
// not there.
std::string SharedDir();

// The whole file, or aborts the test binary with a message when unreadable.
std::string ReadFileOrDie(const std::string& path);

// A fresh empty folder under the system temp folder, removed at exit.
std::string MakeTempDir();

}  // namespace winnow::testing

#endif  // WINNOW_TESTS_TESTING_TEST_UTIL_H_
