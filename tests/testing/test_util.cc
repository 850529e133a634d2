#include "testing/test_util.h"

#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <vector>

namespace winnow::testing {
namespace fs = std::filesystem;

std::string SourceDir() {
  const char* dir = std::getenv("WINNOW_SOURCE_DIR");
  return dir != nullptr ? dir : WINNOW_SOURCE_DIR_DEFAULT;
}

std::string SharedDir() {
  const fs::path shared = fs::path(SourceDir()) / ".." / "shared";
  std::error_code ec;
  if (fs::is_directory(shared, ec)) return fs::weakly_canonical(shared).string();
  return "";
}

std::string ReadFileOrDie(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    std::fprintf(stderr, "cannot read %s\n", path.c_str());
    std::abort();
  }
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

namespace {
struct TempDirs {
  std::vector<std::string> dirs;
  ~TempDirs() {
    std::error_code ec;
    for (const auto& d : dirs) fs::remove_all(d, ec);
  }
};
}  // namespace

std::string MakeTempDir() {
  static TempDirs temp_dirs;
  std::string pattern = (fs::temp_directory_path() / "winnow-test-XXXXXX").string();
  char* made = mkdtemp(pattern.data());
  if (made == nullptr) {
    std::perror("mkdtemp");
    std::abort();
  }
  temp_dirs.dirs.push_back(made);
  return made;
}

}  // namespace winnow::testing
