// Helpers of the tests that check rendered office files from the outside (docgen_test.cc, the
// report renderers' render_test.cc): a temporary file for a command-line tool, running poppler's
// tools, unzipping an OOXML package, and text comparisons that ignore line and cell breaks.
// Test-only; header-only (needs gtest and libzip).
#pragma once

#include <gtest/gtest.h>
#include <unistd.h>
#include <zip.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <string>
#include <string_view>

namespace gk::docgen::testing_files {

// Writes bytes to a fresh file in the test temp dir (name ends with `suffix`); removed on destruction.
struct TempFile {
  explicit TempFile(std::string_view bytes, const char* suffix) {
    std::string tmpl = (std::filesystem::path(::testing::TempDir()) / "gk-docgen-XXXXXX").string();
    const int fd = ::mkstemp(tmpl.data());
    ::close(fd);
    std::filesystem::remove(tmpl);
    path = tmpl + suffix;
    std::ofstream(path, std::ios::binary).write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  }
  ~TempFile() { std::filesystem::remove(path); }
  TempFile(const TempFile&) = delete;
  TempFile& operator=(const TempFile&) = delete;
  std::string path;
};

// Runs a shell command and returns its standard output; fails the test on a non-zero exit.
inline std::string run(const std::string& cmd) {
  std::string out;
  FILE* p = ::popen(cmd.c_str(), "r");
  if (p == nullptr) {
    ADD_FAILURE() << "popen " << cmd;
    return out;
  }
  std::array<char, 4096> buf;
  size_t n;
  while ((n = std::fread(buf.data(), 1, buf.size(), p)) > 0) out.append(buf.data(), n);
  EXPECT_EQ(::pclose(p), 0) << cmd;
  return out;
}

// Removes whitespace, so text wrapped across lines or cells can still be found.
inline std::string squeeze(std::string_view s) {
  std::string out;
  for (char c : s)
    if (c != ' ' && c != '\n' && c != '\f' && c != '\r' && c != '\t') out += c;
  return out;
}

inline size_t count(std::string_view hay, std::string_view needle) {
  size_t n = 0;
  for (size_t at = hay.find(needle); at != std::string_view::npos; at = hay.find(needle, at + needle.size()))
    ++n;
  return n;
}

// Every entry of a zip package by name; fails the test when the bytes are not a zip.
inline std::map<std::string, std::string> unzip(const std::string& bytes) {
  std::map<std::string, std::string> parts;
  zip_error_t err;
  zip_error_init(&err);
  zip_source_t* src = zip_source_buffer_create(bytes.data(), bytes.size(), 0, &err);
  zip_t* za = zip_open_from_source(src, ZIP_RDONLY | ZIP_CHECKCONS, &err);
  if (za == nullptr) {
    zip_source_free(src);
    ADD_FAILURE() << "not a zip: " << zip_error_strerror(&err);
    return parts;
  }
  for (zip_int64_t i = 0; i < zip_get_num_entries(za, 0); ++i) {
    zip_stat_t st;
    zip_stat_index(za, i, 0, &st);
    zip_file_t* f = zip_fopen_index(za, i, 0);
    std::string data(st.size, '\0');
    zip_fread(f, data.data(), st.size);
    zip_fclose(f);
    parts[st.name] = std::move(data);
  }
  zip_close(za);
  return parts;
}

}  // namespace gk::docgen::testing_files
