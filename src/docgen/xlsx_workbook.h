// build_xlsx: an XLSX workbook written with libxlsxwriter and returned as bytes, for every module
// that exports a spreadsheet (the documents list, the annual report). libxlsxwriter writes only to
// files, so the workbook lives in a temporary file that is removed whatever happens — the one file
// this module touches. The caller's `fill` adds formats, sheets and cells and passes the status of
// each libxlsxwriter call to `errors`; the result is the first failure of `fill`, of those calls or
// of closing the workbook. Thread-safe (one temporary file per call).
#pragma once

#include <functional>
#include <string>

#include <xlsxwriter.h>

#include "core/error.h"

namespace gk::docgen {

// Collects the first libxlsxwriter error; later calls keep going so the workbook is always closed.
class XlsxErrors {
 public:
  void check(lxw_error e) {
    if (e != LXW_NO_ERROR && first_ == LXW_NO_ERROR) first_ = e;
  }
  lxw_error first() const { return first_; }

 private:
  lxw_error first_ = LXW_NO_ERROR;
};

// Document properties (File → Properties); empty fields are left out.
struct XlsxProperties {
  std::string title, author, subject, comments;
};

[[nodiscard]] Result<std::string> build_xlsx(const XlsxProperties& properties,
                                             const std::function<Status(lxw_workbook*, XlsxErrors&)>& fill);

}  // namespace gk::docgen
