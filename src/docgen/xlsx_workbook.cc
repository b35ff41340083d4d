#include "docgen/xlsx_workbook.h"

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>

namespace gk::docgen {
namespace {

// Removes the file when it goes out of scope.
struct TempFile {
  std::string path;
  ~TempFile() {
    if (!path.empty()) ::unlink(path.c_str());
  }
};

Error xlsx_error(lxw_error e) { return Error::internal(std::string("xlsx: ") + lxw_strerror(e)); }

}  // namespace

Result<std::string> build_xlsx(const XlsxProperties& properties,
                               const std::function<Status(lxw_workbook*, XlsxErrors&)>& fill) {
  std::error_code ec;
  std::filesystem::path dir = std::filesystem::temp_directory_path(ec);
  if (ec) dir = "/tmp";
  std::string path = (dir / "gk-xlsx-XXXXXX.xlsx").string();
  const int fd = ::mkstemps(path.data(), 5);
  if (fd < 0) return fail(Error::internal("xlsx: cannot create a temporary file in " + dir.string()));
  ::close(fd);
  TempFile guard{path};

  lxw_workbook* wb = workbook_new(path.c_str());
  if (!wb) return fail(Error::internal("xlsx: workbook_new failed"));
  XlsxErrors errors;
  // libxlsxwriter takes char* fields; copies keep the caller's strings untouched.
  std::string title = properties.title, author = properties.author, subject = properties.subject,
              comments = properties.comments;
  lxw_doc_properties props{};
  if (!title.empty()) props.title = title.data();
  if (!author.empty()) props.author = props.company = author.data();
  if (!subject.empty()) props.subject = subject.data();
  if (!comments.empty()) props.comments = comments.data();
  errors.check(workbook_set_properties(wb, &props));

  const Status filled = fill(wb, errors);
  const lxw_error closed = workbook_close(wb);  // writes the file and frees the workbook
  if (!filled) return fail(filled.error());
  if (errors.first() != LXW_NO_ERROR) return fail(xlsx_error(errors.first()));
  if (closed != LXW_NO_ERROR) return fail(xlsx_error(closed));

  std::ifstream in(path, std::ios::binary);
  if (!in) return fail(Error::internal("xlsx: cannot read back " + path));
  std::ostringstream bytes;
  bytes << in.rdbuf();
  return bytes.str();
}

}  // namespace gk::docgen
