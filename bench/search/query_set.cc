#include "query_set.h"

#include <charconv>
#include <fstream>

#include "law_corpus.h"

namespace gk::bench {

Result<std::vector<BenchQuery>> load_queries(const std::string& path) {
  std::ifstream in(path);
  if (!in) return fail(Error::invalid("cannot read " + path));
  std::vector<BenchQuery> out;
  std::string line;
  int line_no = 0;
  while (std::getline(in, line)) {
    ++line_no;
    if (line.empty() || line[0] == '#') continue;
    const std::string where = path + ":" + std::to_string(line_no) + ": ";
    const size_t tab1 = line.find('\t');
    if (tab1 == std::string::npos) return fail(Error::invalid(where + "expected category<TAB>text"));
    const size_t tab2 = line.find('\t', tab1 + 1);
    BenchQuery q;
    q.category = line.substr(0, tab1);
    q.query.q = line.substr(tab1 + 1, tab2 == std::string::npos ? std::string::npos : tab2 - tab1 - 1);
    q.line = q.query.q;
    std::string filters = tab2 == std::string::npos ? std::string() : line.substr(tab2 + 1);
    if (!filters.empty()) q.line += "  [" + filters + "]";
    while (!filters.empty()) {
      const size_t semi = filters.find(';');
      const std::string kv = filters.substr(0, semi);
      filters = semi == std::string::npos ? std::string() : filters.substr(semi + 1);
      const size_t eq = kv.find('=');
      if (eq == std::string::npos) return fail(Error::invalid(where + "filter without '=': " + kv));
      const std::string key = kv.substr(0, eq), value = kv.substr(eq + 1);
      if (key == "department") {
        q.query.department = department_code(value);
      } else if (key == "year") {
        int y = 0;
        if (std::from_chars(value.data(), value.data() + value.size(), y).ec != std::errc()) {
          return fail(Error::invalid(where + "bad year " + value));
        }
        q.query.year = y;
      } else if (key == "validity") {
        q.query.validity = value;
      } else if (key == "type") {
        q.query.type = value;
      } else if (key == "topic") {
        q.query.topic = value;
      } else if (key == "genre") {
        q.query.genre = value;
      } else if (key == "sort") {
        q.query.sort = value;
      } else {
        return fail(Error::invalid(where + "unknown filter " + key));
      }
    }
    out.push_back(std::move(q));
  }
  return out;
}

}  // namespace gk::bench
