// TokenBucketTest. See tokenbuckettest.hh.
#include "tokenbuckettest.hh"
#include <click/tokenbucket.hh>
CLICK_DECLS

#define CHECK(x) do { if (!(x)) { errh->error("%s:%d: test '%s' failed", __FILE__, __LINE__, #x); ++failures; } } while (0)

int TokenBucketTest::initialize(ErrorHandler* errh) {
  int failures = 0;
  {  // 2 tokens/s, capacity 1: full at first, then one token per 501 jiffies
    TokenBucket tb(2, 1);
    CHECK(tb.normal() && tb.rate() == 2 && tb.capacity() == 1);
    tb.refill(1000);
    CHECK(tb.full() && tb.contains(1) && !tb.contains(2));
    CHECK(tb.remove_if(1) && tb.empty() && !tb.remove_if(1));
    CHECK(tb.time_until_contains(1) == 501);
    tb.refill(1500);
    CHECK(!tb.contains(1));
    tb.refill(1501);
    CHECK(tb.contains(1) && tb.size() == 1);
  }
  {  // capacity 50 at 2/s: the burst, then the rate
    TokenBucket tb(2, 50);
    tb.refill(0);
    int n = 0;
    while (tb.remove_if(1)) ++n;
    CHECK(n == 50);
    tb.refill(10000);   // 10 s later: 20 tokens (capacity not reached)
    CHECK(tb.size() == 19 || tb.size() == 20);
    tb.refill(1000000);
    CHECK(tb.full() && tb.size() == 50);
  }
  {  // unlimited (rate 0) and idle (capacity 0) buckets
    TokenBucket unlimited(0, 10);
    CHECK(unlimited.unlimited() && unlimited.contains(1000000) && unlimited.time_until_contains(5) == 0);
    TokenBucket idle(10, 0);
    CHECK(idle.idle() && !idle.contains(1) && idle.contains(0) && idle.time_until_contains(1) == UINT64_MAX);
  }
  {  // large rates keep their value through the fixed-point representation
    TokenBucket tb(100000000, 200000000);
    CHECK(tb.rate() >= 99999990 && tb.rate() <= 100000000);
    CHECK(tb.capacity() >= 200000000 && tb.capacity() <= 210000000);   // scale rounding
    tb.refill(5);
    tb.clear();
    CHECK(tb.empty());
    tb.refill(6);   // one jiffy: rate / 1000 tokens
    CHECK(tb.size() >= 99990 && tb.size() <= 100000);
  }
  {  // remove() of more than is there empties; set() is capped at capacity
    TokenBucket tb(10, 5);
    tb.refill(0);
    tb.remove(7);
    CHECK(tb.empty());
    tb.set(3);
    CHECK(tb.size() == 3);
    tb.set(9);
    CHECK(tb.full());
  }
  if (failures) return -1;
  errh->message("All tests pass!");
  return 0;
}

EXPORT_ELEMENT(TokenBucketTest)
CLICK_ENDDECLS
