#include "server/connection_table.h"

#include <gtest/gtest.h>

namespace jianmei::server {
namespace {

using A = ConnectionTable::Admission;

TEST(ConnectionTable, CapsConnectionsPerAddressAndInTotal) {
  ConnectionTable table(/*max_total=*/3, /*max_per_address=*/2);
  int k[5] = {};
  EXPECT_EQ(table.Add(&k[0], "10.0.0.1", {}), A::kAdmitted);
  EXPECT_EQ(table.Add(&k[1], "10.0.0.1", {}), A::kAdmitted);
  EXPECT_EQ(table.Add(&k[2], "10.0.0.1", {}), A::kTooManyFromAddress);
  EXPECT_EQ(table.Add(&k[2], "10.0.0.2", {}), A::kAdmitted);
  EXPECT_EQ(table.Add(&k[3], "10.0.0.3", {}), A::kTooManyInTotal);
  EXPECT_EQ(table.size(), 3u);
  // A closed connection gives its place back to its address.
  EXPECT_EQ(table.Remove(&k[0]), 2u);
  EXPECT_EQ(table.Add(&k[0], "10.0.0.1", {}), A::kAdmitted);
  EXPECT_EQ(table.Remove(&k[4]), 3u) << "an unknown key changes nothing";
}

TEST(ConnectionTable, LiveSkipsConnectionsAlreadyGone) {
  ConnectionTable table(10, 10);
  int k = 0;
  EXPECT_EQ(table.Add(&k, "a", std::weak_ptr<HttpConnection>()), A::kAdmitted);
  EXPECT_TRUE(table.Live().empty());
}

}  // namespace
}  // namespace jianmei::server
