#include "storage/text_extract.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#include <zip.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <optional>
#include <thread>
#include <vector>

#include <fmt/format.h>
#include <spdlog/spdlog.h>

namespace gk::storage {
namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

// ---- PDF through pdftotext ----

// The program's absolute path: resolved before fork(), because PATH search may allocate and the
// child of a multi-threaded process may only make async-signal-safe calls.
std::optional<std::string> resolve_program(const std::string& name) {
  if (name.find('/') != std::string::npos) {
    if (::access(name.c_str(), X_OK) == 0) return name;
    return std::nullopt;
  }
  const char* path = std::getenv("PATH");
  std::string_view dirs = path ? path : "/usr/bin:/bin";
  while (!dirs.empty()) {
    const size_t colon = dirs.find(':');
    const std::string_view dir = dirs.substr(0, colon);
    dirs = colon == std::string_view::npos ? std::string_view() : dirs.substr(colon + 1);
    if (dir.empty()) continue;
    std::string candidate = std::string(dir) + "/" + name;
    if (::access(candidate.c_str(), X_OK) == 0) return candidate;
  }
  return std::nullopt;
}

// Writes `bytes` to a new private file in `dir`; returns its path.
Result<std::string> write_temp(const fs::path& dir, std::string_view bytes) {
  std::string tmpl = (dir / "gk-extract-XXXXXX").string();
  const int fd = ::mkostemp(tmpl.data(), O_CLOEXEC);
  if (fd < 0) return fail(Error::unavailable(fmt::format("mkstemp in {}: {}", dir.string(), std::strerror(errno))));
  size_t done = 0;
  while (done < bytes.size()) {
    const ssize_t n = ::write(fd, bytes.data() + done, bytes.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      const int err = errno;
      ::close(fd);
      ::unlink(tmpl.c_str());
      return fail(Error::unavailable(fmt::format("write {}: {}", tmpl, std::strerror(err))));
    }
    done += static_cast<size_t>(n);
  }
  ::close(fd);
  return tmpl;
}

struct TempFile {
  std::string path;
  ~TempFile() {
    if (!path.empty()) ::unlink(path.c_str());
  }
};

}  // namespace

Result<std::string> extract_pdf_text(std::string_view bytes, const TextExtractOptions& o) {
  const auto program = resolve_program(o.pdftotext);
  if (!program) return fail(Error::unavailable(o.pdftotext + " not found (install poppler-utils)"));
  std::error_code ec;
  const fs::path dir = o.temp_dir.empty() ? fs::temp_directory_path(ec) : o.temp_dir;
  GK_TRY_ASSIGN(input_path, write_temp(dir, bytes));
  TempFile input{input_path};

  int out[2];
  if (::pipe2(out, O_CLOEXEC) != 0) return fail(Error::unavailable(fmt::format("pipe: {}", std::strerror(errno))));
  // Everything the child needs is prepared here: after fork() it may not allocate.
  std::vector<std::string> args = {*program, "-q", "-enc", "UTF-8", "-eol", "unix", input.path, "-"};
  std::vector<char*> argv;
  for (auto& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  const rlim_t cpu_seconds = static_cast<rlim_t>(o.timeout.count() / 1000 + 2);
  const rlim_t memory = static_cast<rlim_t>(o.max_memory_bytes);

  const pid_t pid = ::fork();
  if (pid < 0) {
    const int err = errno;
    ::close(out[0]);
    ::close(out[1]);
    return fail(Error::unavailable(fmt::format("fork: {}", std::strerror(err))));
  }
  if (pid == 0) {
    const rlimit as{memory, memory};
    const rlimit cpu{cpu_seconds, cpu_seconds};
    const rlimit no_core{0, 0};
    ::setrlimit(RLIMIT_AS, &as);
    ::setrlimit(RLIMIT_CPU, &cpu);
    ::setrlimit(RLIMIT_CORE, &no_core);
    const int devnull = ::open("/dev/null", O_RDWR);
    ::dup2(devnull, 0);
    ::dup2(out[1], 1);
    ::dup2(devnull, 2);
    // Sockets and database files of the server must not live on in the child.
    if (::close_range(3, ~0U, 0) != 0) {
      for (int fd = 3; fd < 4096; ++fd) ::close(fd);
    }
    ::execv(argv[0], argv.data());
    ::_exit(127);
  }
  ::close(out[1]);

  std::string text;
  bool timed_out = false, too_long = false;
  const auto deadline = Clock::now() + o.timeout;
  char buf[64 * 1024];
  for (;;) {
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now()).count();
    if (left <= 0) {
      timed_out = true;
      break;
    }
    pollfd p{out[0], POLLIN, 0};
    const int r = ::poll(&p, 1, static_cast<int>(left));
    if (r < 0 && errno == EINTR) continue;
    if (r == 0) {
      timed_out = true;
      break;
    }
    const ssize_t n = ::read(out[0], buf, sizeof buf);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;
    text.append(buf, static_cast<size_t>(n));
    if (text.size() >= o.max_output_bytes) {
      text.resize(o.max_output_bytes);
      too_long = true;
      break;
    }
  }
  ::close(out[0]);
  if (timed_out || too_long) ::kill(pid, SIGKILL);
  // The child closed its output; it still gets only the rest of the deadline to exit.
  int status = 0;
  for (;;) {
    const pid_t w = ::waitpid(pid, &status, timed_out || too_long ? 0 : WNOHANG);
    if (w == pid || (w < 0 && errno != EINTR)) break;
    if (w == 0 && Clock::now() >= deadline) {
      ::kill(pid, SIGKILL);
      timed_out = true;
      continue;  // the blocking wait reaps it
    }
    if (w == 0) std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  if (timed_out) return fail(Error::unavailable(fmt::format("pdftotext timed out after {} ms", o.timeout.count())));
  if (too_long) return text;  // enough for search; the rest is cut
  if (WIFSIGNALED(status)) return fail(Error::internal(fmt::format("pdftotext killed by signal {}", WTERMSIG(status))));
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
    return fail(Error::invalid(fmt::format("pdftotext exited with status {} (damaged or encrypted PDF?)",
                                           WIFEXITED(status) ? WEXITSTATUS(status) : -1)));
  }
  return text;
}

namespace {

// ---- DOCX ----

struct ZipDiscard {
  void operator()(zip_t* z) const { zip_discard(z); }
};

void append_entity(std::string& out, std::string_view entity) {
  if (entity == "amp") out += '&';
  else if (entity == "lt") out += '<';
  else if (entity == "gt") out += '>';
  else if (entity == "quot") out += '"';
  else if (entity == "apos") out += '\'';
  else if (entity.size() > 1 && entity[0] == '#') {
    const bool hex = entity[1] == 'x' || entity[1] == 'X';
    const std::string digits(entity.substr(hex ? 2 : 1));
    char* end = nullptr;
    const unsigned long cp = std::strtoul(digits.c_str(), &end, hex ? 16 : 10);
    if (digits.empty() || *end != '\0' || cp == 0 || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return;
    if (cp < 0x80) {
      out += static_cast<char>(cp);
    } else if (cp < 0x800) {
      out += static_cast<char>(0xC0 | (cp >> 6));
      out += static_cast<char>(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
      out += static_cast<char>(0xE0 | (cp >> 12));
      out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
      out += static_cast<char>(0x80 | (cp & 0x3F));
    } else {
      out += static_cast<char>(0xF0 | (cp >> 18));
      out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
      out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
      out += static_cast<char>(0x80 | (cp & 0x3F));
    }
  }
}

void append_decoded(std::string& out, std::string_view text) {
  while (!text.empty()) {
    const size_t amp = text.find('&');
    out += text.substr(0, amp);
    if (amp == std::string_view::npos) return;
    const size_t semi = text.find(';', amp);
    if (semi == std::string_view::npos || semi - amp > 12) {
      out += '&';
      text.remove_prefix(amp + 1);
      continue;
    }
    append_entity(out, text.substr(amp + 1, semi - amp - 1));
    text.remove_prefix(semi + 1);
  }
}

}  // namespace

std::string docx_xml_to_text(std::string_view xml) {
  std::string out;
  bool in_text = false;
  size_t i = 0;
  while (i < xml.size()) {
    if (xml[i] != '<') {
      const size_t next = xml.find('<', i);
      const std::string_view chunk = xml.substr(i, next == std::string_view::npos ? std::string_view::npos : next - i);
      if (in_text) append_decoded(out, chunk);
      if (next == std::string_view::npos) break;
      i = next;
      continue;
    }
    const size_t end = xml.find('>', i);
    if (end == std::string_view::npos) break;
    std::string_view tag = xml.substr(i + 1, end - i - 1);
    i = end + 1;
    const bool closing = !tag.empty() && tag[0] == '/';
    if (closing) tag.remove_prefix(1);
    const bool self_closing = !tag.empty() && tag.back() == '/';
    const std::string_view name = tag.substr(0, tag.find_first_of(" \t\r\n/"));
    if (name == "w:t") {
      in_text = !closing && !self_closing;
    } else if (!closing && (name == "w:tab" || name == "w:ptab")) {
      out += '\t';
    } else if (!closing && (name == "w:br" || name == "w:cr")) {
      out += '\n';
    } else if (closing && name == "w:p") {
      out += '\n';
    } else if (closing && name == "w:tc") {
      out += '\t';
    }
  }
  return out;
}

Result<std::string> extract_docx_text(std::string_view bytes) {
  zip_error_t err;
  zip_error_init(&err);
  zip_source_t* src = zip_source_buffer_create(bytes.data(), bytes.size(), 0, &err);
  if (!src) {
    zip_error_fini(&err);
    return fail(Error::invalid("docx: cannot read the ZIP container"));
  }
  zip_t* raw = zip_open_from_source(src, ZIP_RDONLY, &err);
  if (!raw) {
    const std::string why = zip_error_strerror(&err);
    zip_error_fini(&err);
    zip_source_free(src);
    return fail(Error::invalid("docx: " + why));
  }
  zip_error_fini(&err);
  std::unique_ptr<zip_t, ZipDiscard> za(raw);
  zip_stat_t st;
  zip_stat_init(&st);
  if (zip_stat(za.get(), "word/document.xml", 0, &st) != 0) return fail(Error::invalid("docx: no word/document.xml"));
  if (!(st.valid & ZIP_STAT_SIZE) || st.size > kMaxDocxXmlBytes) {
    return fail(Error::invalid("docx: word/document.xml is larger than the extraction limit"));
  }
  zip_file_t* f = zip_fopen(za.get(), "word/document.xml", 0);
  if (!f) return fail(Error::invalid("docx: cannot open word/document.xml"));
  std::string xml(static_cast<size_t>(st.size), '\0');
  const zip_int64_t n = zip_fread(f, xml.data(), xml.size());
  zip_fclose(f);
  if (n < 0) return fail(Error::invalid("docx: word/document.xml is damaged"));
  xml.resize(static_cast<size_t>(n));
  return docx_xml_to_text(xml);
}

std::string extract_text(std::string_view content_type, std::string_view bytes, const TextExtractOptions& options) {
  const std::string_view media = content_type.substr(0, content_type.find(';'));
  Result<std::string> text = std::string();
  if (media == "application/pdf") {
    text = extract_pdf_text(bytes, options);
  } else if (media == "application/vnd.openxmlformats-officedocument.wordprocessingml.document") {
    text = extract_docx_text(bytes);
  } else if (media == "text/plain" || media == "text/csv") {
    text = std::string(bytes);
  }
  if (!text) {
    spdlog::warn("text extraction from {} ({} bytes) failed, stored without text: {}", media, bytes.size(),
                 text.error().to_string());
    return "";
  }
  return std::move(*text);
}

std::function<std::string(std::string_view, std::string_view)> make_text_extractor(TextExtractOptions options) {
  return [options = std::move(options)](std::string_view content_type, std::string_view bytes) {
    return extract_text(content_type, bytes, options);
  };
}

}  // namespace gk::storage
