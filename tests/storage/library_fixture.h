// LibraryTest: the storage contract fixture (EngineTest: one body on SQLite and on PostgreSQL) plus
// what every document-library contract test needs — the accounts and document services over SQL,
// a few departments with their disclosure columns, and a builder for staff principals. Tests add
// the services they exercise in their own SetUp after calling LibraryTest::SetUp().
#pragma once

#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "accounts/accounts_service.h"
#include "accounts/password.h"
#include "calendar/working_calendar.h"
#include "documents/document_service.h"
#include "engine_fixture.h"
#include "storage/repos/sql_accounts_store.h"
#include "storage/repos/sql_document_store.h"

namespace gk::storage_test {

// The shipped holiday calendar (data/calendar/holidays-cn.csv under GK_SOURCE_DIR, or the current
// directory), loaded once; nullptr when the file is missing or invalid. For services on the legal clock.
std::shared_ptr<const calendar::WorkingCalendar> real_calendar();

class LibraryTest : public EngineTest {
 protected:
  void SetUp() override;
  void TearDown() override;

  // (code, name) of the departments created in SetUp; their index-number code is `code`.
  virtual std::vector<std::pair<std::string, std::string>> departments() const {
    return {{"czj", "东阳市财政局"}, {"sfb", "东阳市人民政府办公室"}};
  }
  // The id of a department created in SetUp (a default id when there is none).
  DepartmentId department(std::string_view code) const;

  static accounts::Principal staff(int64_t id, std::string name, DepartmentId dept, std::vector<accounts::Role> roles,
                                   std::string department_name = "东阳市财政局");

  FakeClock clock_{Instant::from_seconds(1'728'000'000)};  // 2024-10-04 08:00 CST; set before SetUp to change
  accounts::PasswordHasher hasher_{accounts::PasswordHashParams::kFastForTests};
  RequestContext ctx_{"req-library", "10.0.0.3", "gtest"};
  std::unique_ptr<storage::SqlAccountsStore> accounts_store_;
  std::unique_ptr<accounts::AccountsService> accounts_;
  std::unique_ptr<storage::SqlDocumentStore> document_store_;
  std::unique_ptr<documents::DocumentService> documents_;
  DepartmentId czj_, sfb_;  // set when departments() includes them

 private:
  std::vector<accounts::Department> created_;
};

}  // namespace gk::storage_test
