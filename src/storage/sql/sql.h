// The SQL layer in one include: Database (pool, transactions), Connection, rows, migrations and the
// optimistic-concurrency helper. Repositories include this; each header states its own contract.
#pragma once

#include "storage/sql/connection.h"  // IWYU pragma: export
#include "storage/sql/database.h"    // IWYU pragma: export
#include "storage/sql/migrations.h"  // IWYU pragma: export
#include "storage/sql/result_set.h"  // IWYU pragma: export
#include "storage/sql/versioned.h"   // IWYU pragma: export
