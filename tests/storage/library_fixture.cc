#include "library_fixture.h"

#include <cstdlib>
#include <fstream>
#include <sstream>

namespace gk::storage_test {

std::shared_ptr<const calendar::WorkingCalendar> real_calendar() {
  static const auto cal = [] {
    const char* root = std::getenv("GK_SOURCE_DIR");
    std::ifstream in(std::string(root ? root : ".") + "/data/calendar/holidays-cn.csv");
    std::stringstream ss;
    ss << in.rdbuf();
    auto c = calendar::WorkingCalendar::from_csv(ss.str());
    return c ? std::make_shared<const calendar::WorkingCalendar>(std::move(*c)) : nullptr;
  }();
  return cal;
}

void LibraryTest::SetUp() {
  EngineTest::SetUp();
  if (HasFatalFailure()) return;
  accounts_store_ = std::make_unique<storage::SqlAccountsStore>(db(), clock_);
  accounts_ = std::make_unique<accounts::AccountsService>(*accounts_store_, clock_, hasher_);
  document_store_ = std::make_unique<storage::SqlDocumentStore>(db(), clock_);
  documents_ = std::make_unique<documents::DocumentService>(*document_store_, clock_, [this](DepartmentId id) {
    for (const auto& d : created_)
      if (d.id == id) return d.code;
    return "d" + std::to_string(id.value);
  });
  std::vector<accounts::Department> wanted;
  for (const auto& [code, name] : departments()) {
    accounts::Department d;
    d.code = code;
    d.name = name;
    wanted.push_back(std::move(d));
  }
  GK_ASSERT_OK(accounts_->ensure_departments(accounts::Principal::system(), wanted, ctx_));
  auto list = accounts_->list_departments(nullptr);
  GK_ASSERT_OK(list);
  created_ = *list;
  czj_ = department("czj");
  sfb_ = department("sfb");
  std::vector<DepartmentId> ids;
  for (const auto& d : created_) ids.push_back(d.id);
  GK_ASSERT_OK(documents_->ensure_columns(ids, ctx_));
}

void LibraryTest::TearDown() {
  documents_.reset();
  document_store_.reset();
  accounts_.reset();
  accounts_store_.reset();
  EngineTest::TearDown();
}

DepartmentId LibraryTest::department(std::string_view code) const {
  for (const auto& d : created_)
    if (d.code == code) return d.id;
  return DepartmentId();
}

accounts::Principal LibraryTest::staff(int64_t id, std::string name, DepartmentId dept,
                                       std::vector<accounts::Role> roles, std::string department_name) {
  accounts::Principal p;
  p.kind = accounts::Principal::Kind::kStaff;
  p.user = UserId(id);
  p.display_name = std::move(name);
  p.department = dept;
  p.department_name = std::move(department_name);
  p.roles = std::move(roles);
  return p;
}

}  // namespace gk::storage_test
