#include "documents/content_type.h"

#include <zip.h>

#include <array>
#include <cstdint>
#include <cstring>
#include <memory>
#include <optional>
#include <vector>

#include <fmt/format.h>

#include "core/utf8.h"

namespace gk::documents {
namespace {

// How much of a text file is searched for markup that a browser could execute.
constexpr size_t kMarkupScanBytes = 4096;
// A ZIP with more entries than this is not an office document we accept (and not worth listing).
constexpr zip_int64_t kMaxZipEntries = 20000;
// Bounds on walking an OLE2 compound file's sector chains (corrupt files may loop).
constexpr size_t kMaxOleDirectorySectors = 4096;
constexpr size_t kMaxOleDifatSectors = 4096;

bool starts_with(std::string_view s, std::string_view prefix) { return s.substr(0, prefix.size()) == prefix; }

std::string ascii_lower(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

uint16_t le16(std::string_view b, size_t at) {
  return static_cast<uint16_t>(static_cast<unsigned char>(b[at]) | (static_cast<unsigned char>(b[at + 1]) << 8));
}
uint32_t le32(std::string_view b, size_t at) {
  return static_cast<uint32_t>(static_cast<unsigned char>(b[at])) |
         (static_cast<uint32_t>(static_cast<unsigned char>(b[at + 1])) << 8) |
         (static_cast<uint32_t>(static_cast<unsigned char>(b[at + 2])) << 16) |
         (static_cast<uint32_t>(static_cast<unsigned char>(b[at + 3])) << 24);
}

// ---- ZIP containers (OOXML, ODF, OFD, JAR/APK) ----

struct ZipCloser {
  void operator()(zip_t* z) const { zip_discard(z); }
};

// The first `max` bytes of entry `index`, or nullopt when it cannot be read.
std::optional<std::string> read_zip_entry_prefix(zip_t* za, zip_uint64_t index, size_t max) {
  zip_file_t* f = zip_fopen_index(za, index, 0);
  if (!f) return std::nullopt;
  std::string out(max, '\0');
  const zip_int64_t n = zip_fread(f, out.data(), max);
  zip_fclose(f);
  if (n < 0) return std::nullopt;
  out.resize(static_cast<size_t>(n));
  return out;
}

ContentKind sniff_zip(std::string_view bytes) {
  zip_error_t err;
  zip_error_init(&err);
  zip_source_t* src = zip_source_buffer_create(bytes.data(), bytes.size(), 0, &err);
  if (!src) {
    zip_error_fini(&err);
    return ContentKind::kZip;
  }
  zip_t* raw = zip_open_from_source(src, ZIP_RDONLY, &err);
  zip_error_fini(&err);
  if (!raw) {
    zip_source_free(src);
    return ContentKind::kZip;  // damaged or not really a ZIP: refused as an archive
  }
  std::unique_ptr<zip_t, ZipCloser> za(raw);
  const zip_int64_t n = zip_get_num_entries(za.get(), 0);
  if (n <= 0 || n > kMaxZipEntries) return ContentKind::kZip;

  bool content_types = false, word = false, xl = false, vba = false, ofd = false, executable = false;
  std::optional<zip_uint64_t> mimetype;
  for (zip_int64_t i = 0; i < n; ++i) {
    const char* c = zip_get_name(za.get(), static_cast<zip_uint64_t>(i), ZIP_FL_ENC_RAW);
    if (!c) continue;
    const std::string_view name(c);
    if (name == "[Content_Types].xml") content_types = true;
    if (starts_with(name, "word/")) word = true;
    if (starts_with(name, "xl/")) xl = true;
    if (name.ends_with("vbaProject.bin") || name.ends_with("vbaProject.bin.rels")) vba = true;
    if (name == "OFD.xml") ofd = true;
    if (name == "mimetype") mimetype = static_cast<zip_uint64_t>(i);
    if (name == "META-INF/MANIFEST.MF" || name == "AndroidManifest.xml" || name == "classes.dex") executable = true;
  }
  if (executable) return ContentKind::kExecutable;  // Java archive or Android package
  if (mimetype) {
    auto type = read_zip_entry_prefix(za.get(), *mimetype, 128);
    if (type) {
      if (*type == "application/vnd.oasis.opendocument.text") return ContentKind::kOdt;
      if (*type == "application/vnd.oasis.opendocument.spreadsheet") return ContentKind::kOds;
    }
  }
  if (content_types && (word || xl)) {
    if (vba) return ContentKind::kMacroOffice;
    if (word && !xl) return ContentKind::kDocx;
    if (xl && !word) return ContentKind::kXlsx;
  }
  if (ofd) return ContentKind::kOfd;
  return ContentKind::kZip;
}

// ---- OLE2 compound files (legacy Word and Excel) ----

// Reads the names of the directory entries of a compound file (MS-CFB), following the FAT chain of
// the directory stream. Returns an empty list for a damaged file.
std::vector<std::string> ole_entry_names(std::string_view b) {
  std::vector<std::string> names;
  if (b.size() < 512) return names;
  const uint16_t shift = le16(b, 0x1E);
  if (shift != 9 && shift != 12) return names;
  const size_t sector_size = size_t{1} << shift;
  const size_t per_sector = sector_size / 4;
  auto sector_offset = [&](uint32_t s) -> std::optional<size_t> {
    const uint64_t off = (static_cast<uint64_t>(s) + 1) << shift;
    if (s >= 0xFFFFFFFA || off + sector_size > b.size()) return std::nullopt;
    return static_cast<size_t>(off);
  };
  // Locations of the FAT sectors: 109 in the header, the rest in the DIFAT chain.
  std::vector<uint32_t> fat_sectors;
  const uint32_t fat_count = le32(b, 0x2C);
  for (size_t i = 0; i < 109 && fat_sectors.size() < fat_count; ++i) fat_sectors.push_back(le32(b, 0x4C + 4 * i));
  uint32_t difat = le32(b, 0x44);
  for (size_t hops = 0; fat_sectors.size() < fat_count && hops < kMaxOleDifatSectors; ++hops) {
    auto off = sector_offset(difat);
    if (!off) break;
    for (size_t i = 0; i + 1 < per_sector && fat_sectors.size() < fat_count; ++i)
      fat_sectors.push_back(le32(b, *off + 4 * i));
    difat = le32(b, *off + 4 * (per_sector - 1));
  }
  auto next = [&](uint32_t s) -> std::optional<uint32_t> {
    const size_t fat_index = s / per_sector;
    if (fat_index >= fat_sectors.size()) return std::nullopt;
    auto off = sector_offset(fat_sectors[fat_index]);
    if (!off) return std::nullopt;
    return le32(b, *off + 4 * (s % per_sector));
  };
  uint32_t dir = le32(b, 0x30);
  for (size_t hops = 0; hops < kMaxOleDirectorySectors; ++hops) {
    auto off = sector_offset(dir);
    if (!off) break;
    for (size_t e = 0; e + 128 <= sector_size; e += 128) {
      const size_t at = *off + e;
      const uint16_t name_bytes = le16(b, at + 0x40);
      const unsigned char type = static_cast<unsigned char>(b[at + 0x42]);
      if (type == 0 || name_bytes < 2 || name_bytes > 64) continue;
      std::string name;
      for (size_t i = 0; i + 2 < name_bytes; i += 2) {
        const uint16_t unit = le16(b, at + i);
        name += unit < 0x80 ? static_cast<char>(unit) : '?';
      }
      names.push_back(std::move(name));
    }
    auto n = next(dir);
    if (!n || *n == 0xFFFFFFFE) break;
    dir = *n;
  }
  return names;
}

ContentKind sniff_ole(std::string_view bytes) {
  bool word = false, excel = false, vba = false;
  for (const auto& name : ole_entry_names(bytes)) {
    if (name == "WordDocument") word = true;
    if (name == "Workbook" || name == "Book") excel = true;
    if (name == "VBA" || name == "_VBA_PROJECT" || name == "_VBA_PROJECT_CUR") vba = true;
  }
  if ((word || excel) && vba) return ContentKind::kMacroOffice;
  if (word && !excel) return ContentKind::kDoc;
  if (excel && !word) return ContentKind::kXls;
  return ContentKind::kOle2;  // PowerPoint, MSI installer, Outlook message, damaged …
}

// ---- text ----

ContentKind sniff_text(std::string_view bytes) {
  if (starts_with(bytes, "\xEF\xBB\xBF")) bytes.remove_prefix(3);
  if (bytes.find('\0') != std::string_view::npos || !is_valid_utf8(bytes)) return ContentKind::kBinary;
  const std::string head = ascii_lower(bytes.substr(0, kMarkupScanBytes));
  const size_t first = head.find_first_not_of(" \t\r\n\f");
  const std::string_view lead = first == std::string::npos ? std::string_view() : std::string_view(head).substr(first);
  if (starts_with(lead, "#!")) return ContentKind::kScript;
  if (head.find("<svg") != std::string::npos) return ContentKind::kSvg;
  for (std::string_view tag : {"<!doctype html", "<html", "<script", "<iframe", "<body", "<head", "<object",
                               "<embed", "<meta", "<style", "<img", "<a href", "<form", "<title", "<table", "<div"}) {
    if (head.find(tag) != std::string::npos) return ContentKind::kHtml;
  }
  if (starts_with(lead, "<?xml") || starts_with(lead, "<!doctype")) return ContentKind::kXml;
  return ContentKind::kText;
}

struct AcceptedType {
  std::string_view extension;
  ContentKind kind;
  std::string_view mime;
};

constexpr AcceptedType kAccepted[] = {
    {"pdf", ContentKind::kPdf, "application/pdf"},
    {"docx", ContentKind::kDocx, "application/vnd.openxmlformats-officedocument.wordprocessingml.document"},
    {"xlsx", ContentKind::kXlsx, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"},
    {"doc", ContentKind::kDoc, "application/msword"},
    {"xls", ContentKind::kXls, "application/vnd.ms-excel"},
    {"odt", ContentKind::kOdt, "application/vnd.oasis.opendocument.text"},
    {"ods", ContentKind::kOds, "application/vnd.oasis.opendocument.spreadsheet"},
    {"ofd", ContentKind::kOfd, "application/ofd"},
    {"png", ContentKind::kPng, "image/png"},
    {"jpg", ContentKind::kJpeg, "image/jpeg"},
    {"jpeg", ContentKind::kJpeg, "image/jpeg"},
    {"gif", ContentKind::kGif, "image/gif"},
    {"txt", ContentKind::kText, "text/plain; charset=utf-8"},
    {"csv", ContentKind::kText, "text/csv; charset=utf-8"},
};

constexpr std::string_view kAllowedList =
    "允许的类型：PDF、OFD、Word（.docx/.doc）、Excel（.xlsx/.xls）、ODT/ODS、PNG/JPEG/GIF 图片、TXT/CSV 文本（UTF-8）";

}  // namespace

ContentKind sniff_content(std::string_view b) {
  if (b.empty()) return ContentKind::kEmpty;
  if (starts_with(b, "%PDF-")) return ContentKind::kPdf;
  if (starts_with(b, "MZ") || starts_with(b, "\x7F" "ELF") || starts_with(b, "\xFE\xED\xFA\xCE") ||
      starts_with(b, "\xFE\xED\xFA\xCF") || starts_with(b, "\xCE\xFA\xED\xFE") || starts_with(b, "\xCF\xFA\xED\xFE") ||
      starts_with(b, "\xCA\xFE\xBA\xBE") || starts_with(b, std::string_view("\0asm", 4))) {
    return ContentKind::kExecutable;
  }
  if (starts_with(b, "\x89PNG\r\n\x1A\n")) return ContentKind::kPng;
  if (starts_with(b, "\xFF\xD8\xFF")) return ContentKind::kJpeg;
  if (starts_with(b, "GIF87a") || starts_with(b, "GIF89a")) return ContentKind::kGif;
  if (starts_with(b, "BM") || starts_with(b, std::string_view("II*\0", 4)) || starts_with(b, std::string_view("MM\0*", 4)) ||
      (starts_with(b, "RIFF") && b.substr(8, 4) == "WEBP")) {
    return ContentKind::kImage;
  }
  if (starts_with(b, "PK\x03\x04") || starts_with(b, "PK\x05\x06")) return sniff_zip(b);
  if (starts_with(b, "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1")) return sniff_ole(b);
  if (starts_with(b, "Rar!\x1A\x07") || starts_with(b, "7z\xBC\xAF\x27\x1C") || starts_with(b, "\x1F\x8B") ||
      starts_with(b, "BZh") || starts_with(b, std::string_view("\xFD" "7zXZ\0", 6))) {
    return ContentKind::kArchive;
  }
  return sniff_text(b);
}

std::string_view content_kind_label(ContentKind kind) {
  switch (kind) {
    case ContentKind::kPdf: return "PDF 文件";
    case ContentKind::kDocx: return "Word 文档（.docx）";
    case ContentKind::kXlsx: return "Excel 表格（.xlsx）";
    case ContentKind::kDoc: return "Word 文档（.doc）";
    case ContentKind::kXls: return "Excel 表格（.xls）";
    case ContentKind::kOdt: return "ODT 文档";
    case ContentKind::kOds: return "ODS 表格";
    case ContentKind::kOfd: return "OFD 版式文件";
    case ContentKind::kPng: return "PNG 图片";
    case ContentKind::kJpeg: return "JPEG 图片";
    case ContentKind::kGif: return "GIF 图片";
    case ContentKind::kText: return "文本文件";
    case ContentKind::kEmpty: return "空文件";
    case ContentKind::kExecutable: return "可执行程序";
    case ContentKind::kScript: return "脚本";
    case ContentKind::kHtml: return "网页（HTML）";
    case ContentKind::kSvg: return "SVG 图形";
    case ContentKind::kXml: return "XML 文件";
    case ContentKind::kMacroOffice: return "含宏的 Office 文件";
    case ContentKind::kZip: return "ZIP 压缩包";
    case ContentKind::kOle2: return "不支持的 Office 文件";
    case ContentKind::kArchive: return "压缩包";
    case ContentKind::kImage: return "不支持的图片格式";
    case ContentKind::kBinary: return "无法识别的二进制文件或非 UTF-8 编码的文本";
  }
  return "未知内容";
}

std::string file_extension(std::string_view file_name) {
  const size_t dot = file_name.rfind('.');
  if (dot == std::string_view::npos || dot + 1 >= file_name.size()) return "";
  const std::string_view ext = file_name.substr(dot + 1);
  if (ext.find('/') != std::string_view::npos || ext.find('\\') != std::string_view::npos) return "";
  return ascii_lower(ext);
}

Result<FileType> check_file_type(std::string_view file_name, std::string_view bytes) {
  const std::string ext = file_extension(file_name);
  const AcceptedType* claimed = nullptr;
  for (const auto& a : kAccepted)
    if (a.extension == ext) claimed = &a;
  if (!claimed) {
    const std::string what = ext.empty() ? std::string("文件名缺少扩展名") : fmt::format("不支持 .{} 类型的文件", ext);
    return fail(Error::invalid_field("file", fmt::format("{}。{}", what, kAllowedList)));
  }
  const ContentKind found = sniff_content(bytes);
  if (found == ContentKind::kEmpty) return fail(Error::invalid_field("file", "文件为空，请重新选择"));
  if (found != claimed->kind) {
    bool accepted = false;
    for (const auto& a : kAccepted) accepted = accepted || a.kind == found;
    if (!accepted) {
      return fail(Error::invalid_field(
          "file", fmt::format("文件扩展名为 .{}，但检测到的内容是{}，不允许上传（文件类型按内容检查，改扩展名无效）", ext,
                              content_kind_label(found))));
    }
    return fail(Error::invalid_field(
        "file", fmt::format("文件扩展名 .{} 与内容不符：检测到的内容是{}，请使用正确的扩展名后重新上传", ext,
                            content_kind_label(found))));
  }
  return FileType{found, std::string(claimed->mime), ext};
}

}  // namespace gk::documents
