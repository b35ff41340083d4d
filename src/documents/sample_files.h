// Builders of small, real files for tests of attachments: a PDF with a text object, ZIP containers
// (DOCX, XLSX, ODT, OFD) written with libzip, OLE2 compound files, image signatures, a Windows
// executable stub. Test-only and header-only (link libzip::zip); not thread-safe (temp files).
#pragma once

#include <zip.h>

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

namespace gk::documents::sample {

// A ZIP archive holding `entries` (name, content) in order, the first one stored uncompressed
// (as ODF requires for "mimetype").
inline std::string zip_of(const std::vector<std::pair<std::string, std::string>>& entries) {
  std::random_device rd;
  const auto path = std::filesystem::temp_directory_path() / ("gk-sample-" + std::to_string(rd()) + ".zip");
  int err = 0;
  zip_t* za = zip_open(path.c_str(), ZIP_CREATE | ZIP_TRUNCATE, &err);
  if (!za) throw std::runtime_error("zip_open failed");
  bool first = true;
  for (const auto& [name, content] : entries) {
    zip_source_t* src = zip_source_buffer(za, content.data(), content.size(), 0);
    const zip_int64_t idx = zip_file_add(za, name.c_str(), src, ZIP_FL_ENC_UTF_8);
    if (idx < 0) throw std::runtime_error("zip_file_add failed");
    if (first) zip_set_file_compression(za, static_cast<zip_uint64_t>(idx), ZIP_CM_STORE, 0);
    first = false;
  }
  if (zip_close(za) != 0) throw std::runtime_error("zip_close failed");
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  std::filesystem::remove(path);
  return ss.str();
}

inline std::string xml_escape(const std::string& s) {
  std::string out;
  for (char c : s) {
    if (c == '&') out += "&amp;";
    else if (c == '<') out += "&lt;";
    else if (c == '>') out += "&gt;";
    else out += c;
  }
  return out;
}

// A minimal Word document whose body holds `paragraphs`.
inline std::string docx(const std::vector<std::string>& paragraphs, bool with_macros = false) {
  std::string body;
  for (const auto& p : paragraphs) body += "<w:p><w:r><w:t xml:space=\"preserve\">" + xml_escape(p) + "</w:t></w:r></w:p>";
  std::vector<std::pair<std::string, std::string>> entries = {
      {"[Content_Types].xml",
       "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/"
       "content-types\"><Default Extension=\"xml\" ContentType=\"application/xml\"/><Override "
       "PartName=\"/word/document.xml\" ContentType=\"application/"
       "vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/></Types>"},
      {"_rels/.rels",
       "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/"
       "2006/relationships\"><Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/"
       "relationships/officeDocument\" Target=\"word/document.xml\"/></Relationships>"},
      {"word/document.xml",
       "<?xml version=\"1.0\" encoding=\"UTF-8\"?><w:document xmlns:w=\"http://schemas.openxmlformats.org/"
       "wordprocessingml/2006/main\"><w:body>" + body + "</w:body></w:document>"},
  };
  if (with_macros) entries.emplace_back("word/vbaProject.bin", "macro");
  return zip_of(entries);
}

inline std::string xlsx() {
  return zip_of({{"[Content_Types].xml", "<Types/>"},
                 {"xl/workbook.xml", "<workbook/>"},
                 {"xl/worksheets/sheet1.xml", "<worksheet/>"}});
}

inline std::string odt() {
  return zip_of({{"mimetype", "application/vnd.oasis.opendocument.text"},
                 {"content.xml", "<office:document-content/>"},
                 {"META-INF/manifest.xml", "<manifest:manifest/>"}});
}

inline std::string ods() {
  return zip_of({{"mimetype", "application/vnd.oasis.opendocument.spreadsheet"}, {"content.xml", "<x/>"}});
}

inline std::string ofd() {
  return zip_of({{"OFD.xml", "<ofd:OFD xmlns:ofd=\"http://www.ofdspec.org/2016\"/>"},
                 {"Doc_0/Document.xml", "<ofd:Document/>"}});
}

inline std::string jar() {
  return zip_of({{"META-INF/MANIFEST.MF", "Manifest-Version: 1.0\n"}, {"Main.class", "\xCA\xFE\xBA\xBE"}});
}

// A PDF 1.4 file with one page showing `text` (ASCII) in Helvetica, with a correct xref table.
inline std::string pdf(const std::string& text = "Hello attachment") {
  const std::string stream = "BT /F1 24 Tf 72 720 Td (" + text + ") Tj ET";
  std::vector<std::string> objects = {
      "<< /Type /Catalog /Pages 2 0 R >>",
      "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
      "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 5 0 R >> >> "
      "/Contents 4 0 R >>",
      "<< /Length " + std::to_string(stream.size()) + " >>\nstream\n" + stream + "\nendstream",
      "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
  };
  std::string out = "%PDF-1.4\n%\xE2\xE3\xCF\xD3\n";
  std::vector<size_t> offsets;
  for (size_t i = 0; i < objects.size(); ++i) {
    offsets.push_back(out.size());
    out += std::to_string(i + 1) + " 0 obj\n" + objects[i] + "\nendobj\n";
  }
  const size_t xref = out.size();
  out += "xref\n0 " + std::to_string(objects.size() + 1) + "\n0000000000 65535 f \n";
  for (size_t off : offsets) {
    std::string n = std::to_string(off);
    out += std::string(10 - n.size(), '0') + n + " 00000 n \n";
  }
  out += "trailer\n<< /Size " + std::to_string(objects.size() + 1) + " /Root 1 0 R >>\nstartxref\n" +
         std::to_string(xref) + "\n%%EOF\n";
  return out;
}

// An OLE2 compound file (512-byte sectors) whose directory holds a root entry and one stream per
// name in `streams` (e.g. "WordDocument" for a .doc, "Workbook" for a .xls). Only the structures
// content sniffing reads are filled in.
inline std::string ole2(const std::vector<std::string>& streams) {
  auto put16 = [](std::string& b, size_t at, uint16_t v) {
    b[at] = static_cast<char>(v & 0xFF);
    b[at + 1] = static_cast<char>(v >> 8);
  };
  auto put32 = [](std::string& b, size_t at, uint32_t v) {
    for (int i = 0; i < 4; ++i) b[at + i] = static_cast<char>((v >> (8 * i)) & 0xFF);
  };
  std::string b(512 * 3, '\0');  // header, FAT sector (#0), directory sector (#1)
  const std::string sig = "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1";
  b.replace(0, sig.size(), sig);
  put16(b, 0x1A, 3);       // major version
  put16(b, 0x1C, 0xFFFE);  // little-endian
  put16(b, 0x1E, 9);       // 512-byte sectors
  put16(b, 0x20, 6);
  put32(b, 0x2C, 1);           // one FAT sector
  put32(b, 0x30, 1);           // directory starts at sector 1
  put32(b, 0x3C, 0xFFFFFFFE);  // no mini FAT
  put32(b, 0x44, 0xFFFFFFFE);  // no DIFAT sectors
  for (size_t i = 0; i < 109; ++i) put32(b, 0x4C + 4 * i, i == 0 ? 0 : 0xFFFFFFFF);
  const size_t fat = 512;
  for (size_t i = 0; i < 128; ++i) put32(b, fat + 4 * i, 0xFFFFFFFF);
  put32(b, fat + 0, 0xFFFFFFFD);  // sector 0: FAT
  put32(b, fat + 4, 0xFFFFFFFE);  // sector 1: end of the directory chain
  std::vector<std::string> names = {"Root Entry"};
  names.insert(names.end(), streams.begin(), streams.end());
  for (size_t e = 0; e < names.size() && e < 4; ++e) {
    const size_t at = 1024 + 128 * e;
    for (size_t i = 0; i < names[e].size(); ++i) put16(b, at + 2 * i, static_cast<uint16_t>(names[e][i]));
    put16(b, at + 0x40, static_cast<uint16_t>(2 * (names[e].size() + 1)));
    b[at + 0x42] = static_cast<char>(e == 0 ? 5 : 2);
  }
  return b;
}

inline std::string png() { return std::string("\x89PNG\r\n\x1A\n\0\0\0\rIHDR", 16) + std::string(64, '\0'); }
inline std::string jpeg() { return std::string("\xFF\xD8\xFF\xE0\0\x10JFIF\0", 11) + std::string(64, '\0'); }
inline std::string gif() { return std::string("GIF89a\x01\0\x01\0", 10) + std::string(32, '\0'); }
// The start of a Windows PE executable ("MZ" stub).
inline std::string exe() {
  return std::string("MZ\x90\0\x03\0\0\0\x04\0\0\0\xFF\xFF\0\0", 16) + "This program cannot be run in DOS mode.";
}

}  // namespace gk::documents::sample
