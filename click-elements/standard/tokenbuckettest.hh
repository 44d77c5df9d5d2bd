// -*- c++ -*-
#ifndef NETSERV_TOKENBUCKETTEST_HH
#define NETSERV_TOKENBUCKETTEST_HH
#include <click/element.hh>
CLICK_DECLS
/*
=c

TokenBucketTest()

=s test

runs TokenBucket regression tests

=d

At initialization, checks the token bucket arithmetic (<click/tokenbucket.hh>)
that RatedUnqueue, RatedSplitter and their bandwidth variants use: rates and
capacities round-trip, a bucket starts full, refills by jiffies up to its
capacity, unlimited and idle buckets behave, time_until_contains is exact.
Reports "All tests pass!" or the failed checks (then initialization fails).

=a RatedUnqueue
*/
class TokenBucketTest : public Element {
 public:
  const char* class_name() const override { return "TokenBucketTest"; }
  int initialize(ErrorHandler* errh) override;
};
CLICK_ENDDECLS
#endif
