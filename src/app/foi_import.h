// `gongkai foi import FILE.jsonl`: loads historical on-request disclosure cases and their remedies
// so a city can bring its past years into the annual report (issue 5 item 7; line format in
// foi/history_import.h).
//
// Semantics (a contract other tools depend on):
//   * Case lines are imported first, then remedy lines, so a remedy may come before its case in the
//     file. Each kind goes in batches of kFoiImportBatch lines, ONE transaction per batch: a line is
//     never half-written (a case and its events go together), and a database failure rolls back the
//     whole batch, stops the import (exit 1) and names the batch; run it again — it is idempotent.
//   * Idempotent by source id: a case whose "id" is already imported (and a remedy with the same
//     request_id, kind and filed date) is skipped and counted as already present.
//   * Bad lines (malformed JSON, unknown department / applicant_type / outcome / kind, impossible
//     dates, a remedy for a request never imported) are skipped and reported on stderr as
//     "line N: reason"; the other lines are imported.
//   * Prints one summary line on stdout. Exit 0 when no line was rejected, 2 when some were (the
//     rest is imported), 1 on a database failure or an unreadable file.
#pragma once

#include <string>

#include "app/config.h"

namespace gk::app {

inline constexpr int kFoiImportBatch = 500;

int cmd_foi_import(const Config& config, const std::string& file);

}  // namespace gk::app
