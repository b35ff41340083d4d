#include "accounts/role.h"

#include <gtest/gtest.h>

namespace gk::accounts {
namespace {

TEST(RoleTest, EveryRoleRoundTripsThroughItsStableName) {
  for (Role r : kAllRoles) {
    EXPECT_EQ(parse_role(role_name(r)), r);
    EXPECT_FALSE(role_label(r).empty());
  }
}

TEST(RoleTest, ParsesCommaListsAndRejectsUnknownNames) {
  auto roles = parse_roles("editor, reviewer,editor");
  ASSERT_TRUE(roles);
  EXPECT_EQ(*roles, (std::vector<Role>{Role::kEditor, Role::kReviewer}));
  EXPECT_EQ(join_roles(*roles), "editor,reviewer");
  EXPECT_FALSE(parse_roles("editor,superuser"));
  EXPECT_TRUE(parse_roles("")->empty());
}

}  // namespace
}  // namespace gk::accounts
