// The fixed query set of the speed benchmark (queries.tsv beside this file).
//
// One query per line: `category<TAB>text[<TAB>filters]`, '#' starts a comment line. filters is a
// ';'-separated list of key=value: department (the issuing body's name, mapped with
// department_code()), year, validity, type, topic, genre, sort (relevance|date).
// Pure functions; thread-safe.
#pragma once

#include <string>
#include <vector>

#include "core/error.h"
#include "search/search_query.h"

namespace gk::bench {

struct BenchQuery {
  std::string category;
  std::string line;  // the query as written in the file (text and filters), for reports
  search::SearchQuery query;
};

// InvalidArgument names the first malformed line.
[[nodiscard]] Result<std::vector<BenchQuery>> load_queries(const std::string& path);

}  // namespace gk::bench
