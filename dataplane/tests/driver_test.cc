// Driver tests: timers, tasks, fd readiness (add_select/selected), stop rules.
#include <click/router.hh>
#include <click/args.hh>
#include <gtest/gtest.h>
#include <unistd.h>
using namespace netserv;

namespace {
// Test element: on initialize, arms three timers in scrambled order and
// records their firing order; reads a pipe via add_select.
class TimerProbe : public Element {
 public:
  const char* class_name() const override { return "TimerProbe"; }
  int initialize(ErrorHandler*) override {
    for (int i = 0; i < 3; ++i) {
      timers_[i] = std::make_unique<Timer>([this, i](Timer*) {
        order_ += std::to_string(i);
        if (order_.size() == 3) router()->please_stop_driver();
      });
      timers_[i]->initialize(this);
    }
    timers_[2]->schedule_after_msec(30);
    timers_[0]->schedule_after_msec(10);
    timers_[1]->schedule_after_msec(20);
    return 0;
  }
  void add_handlers() override { add_read_handler("order", [this]() { return order_; }); }
 private:
  std::unique_ptr<Timer> timers_[3];
  String order_;
};
EXPORT_ELEMENT(TimerProbe)

class PipeReader : public Element {
 public:
  const char* class_name() const override { return "PipeReader"; }
  int configure(Vector<String>& conf, ErrorHandler* errh) override { return Args(conf, this, errh).read_mp("FD", fd_).complete(); }
  int initialize(ErrorHandler*) override { return add_select(fd_, SELECT_READ); }
  void selected(int fd, int mask) override {
    char buf[64];
    ssize_t n = read(fd, buf, sizeof buf);
    if (n > 0) got_.append(buf, size_t(n));
    if (n <= 0 || got_.find('!') != String::npos) {
      remove_select(fd_, SELECT_READ);
      router()->please_stop_driver();
    }
    (void)mask;
  }
  void add_handlers() override { add_read_handler("got", [this]() { return got_; }); }
 private:
  int fd_ = -1;
  String got_;
};
EXPORT_ELEMENT(PipeReader)
}  // namespace

TEST(Driver, TimersFireInExpiryOrder) {
  StringErrorHandler errh;
  auto r = Router::make("t :: TimerProbe;", "t.click", {}, &errh);
  ASSERT_TRUE(r) << errh.str();
  r->run();
  String v;
  ASSERT_EQ(r->handler_read("t.order", v, &errh), 0);
  EXPECT_EQ(v, "012");
}

TEST(Driver, SelectDeliversReadiness) {
  int p[2];
  ASSERT_EQ(pipe(p), 0);
  StringErrorHandler errh;
  auto r = Router::make("r :: PipeReader(" + std::to_string(p[0]) + ");", "t.click", {}, &errh);
  ASSERT_TRUE(r) << errh.str();
  ASSERT_EQ(write(p[1], "hello!", 6), 6);
  r->run();
  String v;
  ASSERT_EQ(r->handler_read("r.got", v, &errh), 0);
  EXPECT_EQ(v, "hello!");
  close(p[0]);
  close(p[1]);
}

TEST(Driver, TasksShareTheDriver) {
  // Two sources of 3 packets each into one Queue; Unqueue starts later; both arrive.
  StringErrorHandler errh;
  auto r = Router::make("a :: InfiniteSource(LIMIT 3) -> Paint(1) -> q :: Queue;"
                        "b :: InfiniteSource(LIMIT 3) -> Paint(2) -> q;"
                        "q -> u :: Unqueue(ACTIVE false) -> Counter(COUNT_CALL 6 stop) -> ps :: PaintSwitch; ps[0] -> Discard;"
                        "ps[1] -> c1 :: Counter -> Discard; ps[2] -> c2 :: Counter -> Discard;"
                        "DriverManager(wait_time 50ms, write u.active true, wait_stop, stop)",
                        "t.click", {}, &errh);
  ASSERT_TRUE(r) << errh.str();
  r->run();
  String a, b;
  r->handler_read("c1.count", a, &errh);
  r->handler_read("c2.count", b, &errh);
  EXPECT_EQ(a, "3");
  EXPECT_EQ(b, "3");
}

TEST(Driver, FirstStopEventStopsWithoutDriverManager) {
  StringErrorHandler errh;
  auto r = Router::make("InfiniteSource(LIMIT 2, STOP true) -> c1 :: Counter -> Discard;"
                        "InfiniteSource(LIMIT 100000, STOP true) -> c2 :: Counter -> Discard;", "t.click", {}, &errh);
  ASSERT_TRUE(r) << errh.str();
  r->run();
  String v;
  r->handler_read("c2.count", v, &errh);
  EXPECT_LT(atoi(v.c_str()), 100000);
}

TEST(Driver, DriverManagerWaitsForStopEvents) {
  StringErrorHandler errh;
  auto r = Router::make("InfiniteSource(LIMIT 2, STOP true) -> c1 :: Counter -> Discard;"
                        "InfiniteSource(LIMIT 5000, STOP true) -> c2 :: Counter -> Discard;"
                        "DriverManager(wait_stop 2)", "t.click", {}, &errh);
  ASSERT_TRUE(r) << errh.str();
  r->run();
  String v;
  r->handler_read("c2.count", v, &errh);
  EXPECT_EQ(v, "5000");
}

TEST(Driver, StopHandlerStops) {
  StringErrorHandler errh;
  auto r = Router::make("InfiniteSource -> c :: Counter(COUNT_CALL 100 stop) -> Discard;", "t.click", {}, &errh);
  ASSERT_TRUE(r) << errh.str();
  r->run();
  String v;
  r->handler_read("c.count", v, &errh);
  EXPECT_GE(atoi(v.c_str()), 100);
  EXPECT_TRUE(r->stopped());
}

TEST(Driver, PullersSleepWhileTheQueueIsEmpty) {
  StringErrorHandler errh;
  auto r = Router::make("s :: InfiniteSource(LIMIT 3, ACTIVE false) -> q :: Queue -> c :: Counter -> u :: Unqueue -> Discard;",
                        "t.click", {}, &errh);
  ASSERT_TRUE(r) << errh.str();
  for (int i = 0; i < 20; ++i) r->run_once(false);
  String v;
  ASSERT_EQ(r->handler_read("u.scheduled", v, &errh), 0);
  EXPECT_EQ(v, "false");  // asleep: nothing to pull
  ASSERT_EQ(r->handler_write("s.active", "true", &errh), 0);
  for (int i = 0; i < 20; ++i) r->run_once(false);
  ASSERT_EQ(r->handler_read("c.count", v, &errh), 0);
  EXPECT_EQ(v, "3");  // the first push woke it
  ASSERT_EQ(r->handler_read("u.scheduled", v, &errh), 0);
  EXPECT_EQ(v, "false");
}

// HandlerCall: END_CALL / COUNT_CALL are checked at initialize (as Click's
// HandlerCall::initialize_write), relative to the caller's compound.
TEST(HandlerCall, UnknownElementIsAConfigurationError) {
  StringErrorHandler errh;
  auto r = Router::make("InfiniteSource(LIMIT 3) -> Counter(COUNT_CALL 2 nosuch.reset) -> Discard;", "t.click", {}, &errh);
  EXPECT_FALSE(r);
  EXPECT_NE(errh.str().find("no element 'nosuch'"), String::npos) << errh.str();
}

TEST(HandlerCall, ReadOnlyHandlerIsAConfigurationError) {
  StringErrorHandler errh;
  auto r = Router::make("s :: InfiniteSource(LIMIT 3, END_CALL c.count) -> c :: Counter -> Discard;", "t.click", {}, &errh);
  EXPECT_FALSE(r);
  EXPECT_NE(errh.str().find("'c.count' is not a write handler"), String::npos) << errh.str();
}

TEST(HandlerCall, UnknownHandlerInFromDumpIsAConfigurationError) {
  StringErrorHandler errh;
  auto r = Router::make("FromDump(/dev/null, END_CALL d.nosuch) -> d :: Discard;", "t.click", {}, &errh);
  EXPECT_FALSE(r);
  EXPECT_NE(errh.str().find("no 'd.nosuch' handler"), String::npos) << errh.str();
}

TEST(HandlerCall, EndCallFiresWithItsValueInTheCompoundContext) {
  StringErrorHandler errh;
  auto r = Router::make("elementclass Src { s :: InfiniteSource(LIMIT 4, STOP true, END_CALL c.reset) -> c :: Counter -> output }\n"
                        "x :: Src -> c :: Counter -> Discard;", "t.click", {}, &errh);
  ASSERT_TRUE(r) << errh.str();
  r->run();
  String inner, outer;
  r->handler_read("x/c.count", inner, &errh);
  r->handler_read("c.count", outer, &errh);
  EXPECT_EQ(inner, "0");   // x/c was reset, not the top-level c
  EXPECT_EQ(outer, "4");
}

TEST(HandlerCall, CountCallWriteHandlerIsCheckedAtOnceAndKeepsTheOldCallOnError) {
  StringErrorHandler errh;
  auto r = Router::make("InfiniteSource(LIMIT 10, STOP true) -> c :: Counter(COUNT_CALL 3 stop) -> Discard;", "t.click", {}, &errh);
  ASSERT_TRUE(r) << errh.str();
  StringErrorHandler werrh;
  EXPECT_LT(r->handler_write("c.count_call", "5 nosuch.reset", &werrh), 0);
  EXPECT_NE(werrh.str().find("no element 'nosuch'"), String::npos) << werrh.str();
  String v;
  r->handler_read("c.count_call", v, &errh);
  EXPECT_EQ(v, "3 stop");
  EXPECT_EQ(r->handler_write("c.count_call", "4 stop", &errh), 0) << errh.str();
  r->run();
  r->handler_read("c.count", v, &errh);
  EXPECT_GE(atoi(v.c_str()), 4);
}

// METHOD (Click's FromDevice/ToDevice keyword): LINUX only; Click's other methods
// are refused by name at configure, before any device is touched.
TEST(DeviceMethod, OtherMethodsAreRefusedByName) {
  StringErrorHandler errh;
  EXPECT_FALSE(Router::make("FromDevice(lo, METHOD XDP) -> Discard;", "t.click", {}, &errh));
  EXPECT_NE(errh.str().find("METHOD XDP is not available in this build"), String::npos) << errh.str();
  errh.clear();
  EXPECT_FALSE(Router::make("Idle -> ToDevice(lo, METHOD carrier-pigeon);", "t.click", {}, &errh));
  EXPECT_NE(errh.str().find("METHOD: expected LINUX"), String::npos) << errh.str();
}

TEST(DeviceMethod, LinuxIsReported) {
  if (geteuid() != 0) GTEST_SKIP() << "AF_PACKET needs root";
  StringErrorHandler errh;
  auto r = Router::make("Idle -> td :: ToDevice(lo, METHOD LINUX);", "t.click", {}, &errh);
  ASSERT_TRUE(r) << errh.str();
  String v;
  EXPECT_EQ(r->handler_read("td.method", v, &errh), 0);
  EXPECT_EQ(v, "LINUX");
}
