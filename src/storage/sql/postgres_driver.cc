// PostgreSQL driver: one PGconn per Connection, statements through PQexecParams with text-format
// parameters and results, '?' rewritten to $n.
#include <libpq-fe.h>

#include <charconv>
#include <cstdint>
#include <cstring>
#include <limits>
#include <memory>
#include <string>
#include <system_error>

#include "storage/sql/driver.h"
#include "storage/sql/placeholders.h"

namespace gk::sql::detail {
namespace {

// Type OIDs from pg_type.h (server headers are not needed for these stable numbers).
constexpr Oid kBoolOid = 16;
constexpr Oid kInt8Oid = 20;
constexpr Oid kInt2Oid = 21;
constexpr Oid kInt4Oid = 23;
constexpr Oid kFloat4Oid = 700;
constexpr Oid kFloat8Oid = 701;
constexpr Oid kNumericOid = 1700;

struct ResultDeleter {
  void operator()(PGresult* r) const { PQclear(r); }
};
using ResultPtr = std::unique_ptr<PGresult, ResultDeleter>;

std::string trimmed(const char* s) {
  std::string out = s ? s : "";
  while (!out.empty() && (out.back() == '\n' || out.back() == ' ')) out.pop_back();
  return out;
}

std::string field(const PGresult* r, int code) {
  const char* v = r ? PQresultErrorField(r, code) : nullptr;
  return v ? v : "";
}

// "Key (department_id, code)=(1, x) already exists." -> "department_id, code"
std::string key_columns(const std::string& detail) {
  auto start = detail.find("Key (");
  if (start == std::string::npos) return {};
  start += 5;
  auto end = detail.find(")=(", start);
  if (end == std::string::npos) return {};
  return detail.substr(start, end - start);
}

// "a, b" on table t -> "t.a, t.b": the form SQLite uses in its messages.
std::string qualify(const std::string& table, const std::string& columns) {
  std::string out;
  size_t pos = 0;
  while (pos <= columns.size()) {
    size_t comma = columns.find(", ", pos);
    std::string col = columns.substr(pos, comma == std::string::npos ? std::string::npos : comma - pos);
    if (!out.empty()) out += ", ";
    out += table.empty() ? col : table + "." + col;
    if (comma == std::string::npos) break;
    pos = comma + 2;
  }
  return out;
}

int64_t parse_int(const char* s, int len) {
  int64_t v = 0;
  std::from_chars(s, s + len, v);
  return v;
}

double parse_double(const char* s, int len) {
  double v = 0;
  auto [ptr, ec] = std::from_chars(s, s + len, v);
  if (ec != std::errc()) {
    // from_chars knows "inf"/"nan" but not every spelling PostgreSQL prints.
    if (std::strncmp(s, "Infinity", 8) == 0) return std::numeric_limits<double>::infinity();
    if (std::strncmp(s, "-Infinity", 9) == 0) return -std::numeric_limits<double>::infinity();
    if (std::strncmp(s, "NaN", 3) == 0) return std::numeric_limits<double>::quiet_NaN();
  }
  return v;
}

std::string format_double(double d) {
  char buf[64];
  auto [end, ec] = std::to_chars(buf, buf + sizeof buf, d);  // shortest form that round-trips
  std::string s(buf, end);
  if (s == "inf") return "Infinity";
  if (s == "-inf") return "-Infinity";
  if (s == "nan" || s == "-nan") return "NaN";
  return s;
}

bool starts_with(const char* s, const char* prefix) {
  return std::strncmp(s, prefix, std::strlen(prefix)) == 0;
}

class PgConnection final : public DriverConnection {
 public:
  explicit PgConnection(PGconn* conn) : conn_(conn) {}
  ~PgConnection() override { PQfinish(conn_); }

  Dialect dialect() const override { return Dialect::kPostgres; }

  Status exec_script(std::string_view sql) override {
    if (broken()) return fail(lost());
    std::string text(sql);
    ResultPtr r(PQexec(conn_, text.c_str()));
    ExecStatusType st = r ? PQresultStatus(r.get()) : PGRES_FATAL_ERROR;
    if (st == PGRES_COMMAND_OK || st == PGRES_TUPLES_OK || st == PGRES_EMPTY_QUERY) return ok();
    return fail(failure(r.get()));
  }

 protected:
  Result<ResultSet> run_query(std::string_view sql, std::span<const Value> params) override {
    if (broken()) return fail(lost());
    RewrittenSql rw = rewrite_placeholders(sql);
    if (static_cast<size_t>(rw.placeholders) != params.size()) {
      return fail(note_failure(Failure::kPermanent,
                               Error::internal("SQL 参数个数不符 (parameter count): statement has " +
                                               std::to_string(rw.placeholders) + ", got " +
                                               std::to_string(params.size()) + ": " + std::string(sql))));
    }
    const size_t n = params.size();
    std::vector<Oid> types(n, 0);
    std::vector<const char*> values(n, nullptr);
    std::vector<std::string> texts(n);  // sized once: pointers into it stay valid
    for (size_t i = 0; i < n; ++i) {
      const Value& v = params[i];
      if (auto* p = std::get_if<int64_t>(&v)) {
        // The smallest integer type that holds the value, as psycopg does: the server widens
        // int2 -> int4 -> int8 implicitly but never narrows, so substr(s, ?) and the like work.
        types[i] = *p >= INT16_MIN && *p <= INT16_MAX   ? kInt2Oid
                   : *p >= INT32_MIN && *p <= INT32_MAX ? kInt4Oid
                                                        : kInt8Oid;
        texts[i] = std::to_string(*p);
        values[i] = texts[i].c_str();
      } else if (auto* d = std::get_if<double>(&v)) {
        types[i] = kFloat8Oid;
        texts[i] = format_double(*d);
        values[i] = texts[i].c_str();
      } else if (auto* s = std::get_if<std::string>(&v)) {
        values[i] = s->c_str();
      }
    }
    ResultPtr r(PQexecParams(conn_, rw.sql.c_str(), static_cast<int>(n), n ? types.data() : nullptr,
                             n ? values.data() : nullptr, nullptr, nullptr, 0));
    ExecStatusType st = r ? PQresultStatus(r.get()) : PGRES_FATAL_ERROR;
    if (st != PGRES_TUPLES_OK && st != PGRES_COMMAND_OK) return fail(failure(r.get()));
    return convert(r.get());
  }

  Status run_command(std::string_view sql) override { return exec_script(sql); }
  bool engine_in_transaction() const override {
    PGTransactionStatusType s = PQtransactionStatus(conn_);
    return s == PQTRANS_INTRANS || s == PQTRANS_INERROR || s == PQTRANS_ACTIVE;
  }
  std::string_view begin_sql() const override { return "BEGIN ISOLATION LEVEL SERIALIZABLE"; }
  // A consistent snapshot without serialisation bookkeeping; the server rejects any write in it.
  std::string_view read_begin_sql() const override { return "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY"; }

 private:
  enum class Kind { kInt, kFloat, kBool, kText };

  static Kind kind_of(Oid oid) {
    switch (oid) {
      case kInt2Oid:
      case kInt4Oid:
      case kInt8Oid:
        return Kind::kInt;
      case kFloat4Oid:
      case kFloat8Oid:
      case kNumericOid:
        return Kind::kFloat;
      case kBoolOid:
        return Kind::kBool;
      default:
        return Kind::kText;
    }
  }

  static ResultSet convert(const PGresult* r) {
    ResultSet rs;
    const int nf = PQnfields(r);
    const int nt = PQntuples(r);
    std::vector<Kind> kinds;
    kinds.reserve(static_cast<size_t>(nf));
    rs.columns.reserve(static_cast<size_t>(nf));
    for (int c = 0; c < nf; ++c) {
      rs.columns.emplace_back(PQfname(r, c));
      kinds.push_back(kind_of(PQftype(r, c)));
    }
    rs.rows.reserve(static_cast<size_t>(nt));
    for (int t = 0; t < nt; ++t) {
      std::vector<Value> cells;
      cells.reserve(static_cast<size_t>(nf));
      for (int c = 0; c < nf; ++c) {
        if (PQgetisnull(r, t, c)) {
          cells.emplace_back(nullptr);
          continue;
        }
        const char* v = PQgetvalue(r, t, c);
        const int len = PQgetlength(r, t, c);
        switch (kinds[static_cast<size_t>(c)]) {
          case Kind::kInt:
            cells.emplace_back(parse_int(v, len));
            break;
          case Kind::kFloat:
            cells.emplace_back(parse_double(v, len));
            break;
          case Kind::kBool:
            cells.emplace_back(static_cast<int64_t>(v[0] == 't' ? 1 : 0));
            break;
          case Kind::kText:
            cells.emplace_back(std::string(v, static_cast<size_t>(len)));
            break;
        }
      }
      rs.rows.emplace_back(std::move(cells));
    }
    // PQcmdTuples also counts SELECTed rows; only data-changing commands report affected rows.
    const char* status = PQcmdStatus(const_cast<PGresult*>(r));
    if (starts_with(status, "INSERT") || starts_with(status, "UPDATE") || starts_with(status, "DELETE") ||
        starts_with(status, "MERGE")) {
      const char* count = PQcmdTuples(const_cast<PGresult*>(r));
      rs.affected_rows = parse_int(count, static_cast<int>(std::strlen(count)));
    }
    return rs;
  }

  Error lost() {
    return Error::unavailable("与 PostgreSQL 的连接已断开 (connection lost): " +
                              trimmed(PQerrorMessage(conn_)));
  }

  // Maps a failed result (or a lost connection) to our error codes and records it on the connection.
  Error failure(const PGresult* r) {
    if (PQstatus(conn_) == CONNECTION_BAD) return note_failure(Failure::kBroken, lost());
    const std::string state = field(r, PG_DIAG_SQLSTATE);
    const std::string message = r ? trimmed(PQresultErrorMessage(r)) : trimmed(PQerrorMessage(conn_));
    if (state == "23505") {
      std::string cols = qualify(field(r, PG_DIAG_TABLE_NAME), key_columns(field(r, PG_DIAG_MESSAGE_DETAIL)));
      if (cols.empty()) cols = field(r, PG_DIAG_CONSTRAINT_NAME);
      return note_failure(Failure::kPermanent, Error::conflict("违反唯一约束 (unique constraint): " + cols));
    }
    if (state == "23503" || state == "23P01") {
      return note_failure(Failure::kPermanent, Error::conflict("违反外键约束 (foreign key constraint): " +
                                                               field(r, PG_DIAG_MESSAGE_PRIMARY)));
    }
    if (state == "40001" || state == "40P01") {
      return note_failure(Failure::kTransient,
                          Error::unavailable("数据库繁忙 (serialization failure): " + message));
    }
    if (state.starts_with("08") || state == "57P01" || state == "57P02" || state == "57P03") {
      return note_failure(Failure::kBroken,
                          Error::unavailable("与 PostgreSQL 的连接已断开 (connection lost): " + message));
    }
    return note_failure(Failure::kPermanent, Error::internal("PostgreSQL: " + message));
  }

  PGconn* conn_;
};

void ignore_notice(void*, const char*) {}

}  // namespace

Status validate_postgres_url(const std::string& url, std::string_view shown_url) {
  char* err = nullptr;
  PQconninfoOption* opts = PQconninfoParse(url.c_str(), &err);
  if (opts == nullptr) {
    std::string why = err ? trimmed(err) : "out of memory";
    PQfreemem(err);
    return fail(Error::invalid_field(
        "database_url", "数据库地址无效 (invalid database URL) \"" + std::string(shown_url) + "\": " + why));
  }
  PQconninfoFree(opts);
  return ok();
}

Result<std::unique_ptr<DriverConnection>> connect_postgres(const std::string& url,
                                                           std::string_view shown_url) {
  // Defaults come before dbname so the URL can override them; client_encoding comes after so it
  // cannot: the layer reads and writes UTF-8 only.
  const char* keys[] = {"connect_timeout", "application_name", "dbname", "client_encoding", nullptr};
  const char* values[] = {"5", "gongkai", url.c_str(), "UTF8", nullptr};
  PGconn* conn = PQconnectdbParams(keys, values, /*expand_dbname=*/1);
  if (conn == nullptr) return fail(Error::unavailable("无法连接 PostgreSQL: out of memory"));
  if (PQstatus(conn) != CONNECTION_OK) {
    std::string msg = trimmed(PQerrorMessage(conn));
    PQfinish(conn);
    return fail(
        Error::unavailable("无法连接 PostgreSQL (cannot connect to) " + std::string(shown_url) + ": " + msg));
  }
  PQsetNoticeProcessor(conn, ignore_notice, nullptr);
  return std::unique_ptr<DriverConnection>(std::make_unique<PgConnection>(conn));
}

}  // namespace gk::sql::detail
