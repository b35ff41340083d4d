// doc_number_rate: how many real 文号 documents::parse_doc_number() understands.
//
//   doc_number_rate FILE.jsonl FIELD [--list-parsed]
//
// Reads one JSON object per line, takes the string FIELD (records where it is absent or null are
// counted but not parsed) and prints the number of values, how many parsed, the rate, a breakdown
// by form, and every failure with its error message. --list-parsed also prints "raw<TAB>normalized"
// for every parsed value, for auditing what was accepted. Exit status 0 whatever the rate.
#include <boost/json.hpp>

#include <cstdio>
#include <fstream>
#include <iostream>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "documents/doc_number.h"

namespace json = boost::json;

int main(int argc, char** argv) {
  if (argc < 3) {
    std::cerr << "usage: doc_number_rate FILE.jsonl FIELD [--list-parsed]\n";
    return 2;
  }
  const std::string path = argv[1];
  const std::string field = argv[2];
  const bool list_parsed = argc > 3 && std::string(argv[3]) == "--list-parsed";
  std::ifstream in(path);
  if (!in) {
    std::cerr << "doc_number_rate: cannot read " << path << "\n";
    return 2;
  }

  long records = 0, absent = 0, values = 0, parsed = 0, with_year = 0, compound = 0, bad_json = 0;
  std::set<std::string> keys;
  std::vector<std::pair<std::string, std::string>> failures;
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty()) continue;
    ++records;
    boost::system::error_code ec;
    json::value v = json::parse(line, ec);
    if (ec || !v.is_object()) {
      ++bad_json;
      continue;
    }
    const json::value* f = v.as_object().if_contains(field);
    if (!f || !f->is_string()) {
      ++absent;
      continue;
    }
    ++values;
    const std::string raw(f->as_string());
    auto all = gk::documents::parse_doc_numbers(raw);
    if (!all) {
      failures.emplace_back(raw, all.error().message());
      continue;
    }
    ++parsed;
    const auto& first = all->front();
    with_year += first.has_year();
    compound += all->size() > 1;
    keys.insert(first.uniqueness_key());
    if (list_parsed) std::cout << raw << "\t" << first.normalized() << "\n";
  }

  std::printf("file   %s\nfield  %s\n", path.c_str(), field.c_str());
  std::printf("records                      %8ld\n", records);
  if (bad_json) std::printf("lines that are not JSON      %8ld\n", bad_json);
  std::printf("without a value (absent/null)%8ld\n", absent);
  std::printf("values (total)                %8ld\n", values);
  std::printf("parsed                       %8ld\n", parsed);
  std::printf("rate                         %8.3f %%\n", values ? 100.0 * parsed / values : 0.0);
  std::printf("  with a year                %8ld\n", with_year);
  std::printf("  without a year (令/公告 第N号)%6ld\n", parsed - with_year);
  std::printf("  compound (first one taken) %8ld\n", compound);
  std::printf("  distinct numbers (issuer|year|serial) %ld\n", static_cast<long>(keys.size()));
  std::printf("failed                       %8ld\n", static_cast<long>(failures.size()));
  std::map<std::pair<std::string, std::string>, int> grouped;
  for (const auto& f : failures) ++grouped[f];
  for (const auto& [f, n] : grouped) {
    std::printf("  FAIL x%-4d %-40s  %s\n", n, ("\"" + f.first + "\"").c_str(), f.second.c_str());
  }
  return 0;
}
