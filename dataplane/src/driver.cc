// Driver: task ring, timer heap, epoll. See <click/driver.hh>.
#include <click/driver.hh>
#include <click/router.hh>
#include <algorithm>
#include <cerrno>
#include <climits>
#include <cstring>
#include <sys/epoll.h>
#include <unistd.h>
CLICK_DECLS

// ------------------------------------------------------------- Task/Timer

Task::~Task() { if (scheduled_ && router_) router_->unschedule_task(this); }
void Task::initialize(Element* owner, bool schedule) { owner_ = owner; initialize(owner->router(), schedule); }
void Task::initialize(Router* r, bool schedule) {
  router_ = r;
  if (schedule) reschedule();
}
void Task::reschedule() { if (router_ && !scheduled_) router_->schedule_task(this); }
void Task::unschedule() { if (router_ && scheduled_) router_->unschedule_task(this); }
bool Task::fire() { return fn_ ? fn_(this) : owner_->run_task(this); }

Timer::~Timer() { if (router_ && heap_index_ >= 0) router_->unschedule_timer(this); }
void Timer::initialize(Element* owner, bool) { if (!owner_) owner_ = owner; router_ = owner->router(); }
void Timer::initialize(Router* r) { router_ = r; }
void Timer::schedule_at(const Timestamp& when) {
  if (!router_) return;
  if (heap_index_ >= 0) router_->unschedule_timer(this);
  expiry_ = when;
  router_->schedule_timer(this);
}
void Timer::schedule_after(const Timestamp& delta) {
  if (!router_) return;
  schedule_at(router_->driver().now() + delta);
}
void Timer::unschedule() { if (router_ && heap_index_ >= 0) router_->unschedule_timer(this); }
void Timer::fire() { if (fn_) fn_(this); else if (owner_) owner_->run_timer(this); }

// ------------------------------------------------------------- Driver

Driver::~Driver() {
  if (epfd_ >= 0) close(epfd_);
}

Timestamp Driver::now() const { return Timestamp::now_steady(); }

void Driver::detach_all() {
  for (Task* t = task_head_; t;) {
    Task* n = t->next_;
    t->scheduled_ = false;
    t->prev_ = t->next_ = nullptr;
    t = (n == task_head_) ? nullptr : n;
  }
  task_head_ = task_cursor_ = nullptr;
  for (Timer* t : timer_heap_) t->heap_index_ = -1;
  timer_heap_.clear();
}

void Driver::adjust_runcount(int delta) {
  runcount_ += delta;
  if (runcount_ <= 0) {
    if (stop_hook_ && stop_hook_()) return;
    stopped_ = true;
  }
}

// ---- tasks ----

void Driver::schedule_task(Task* t) {
  t->scheduled_ = true;
  if (!task_head_) {
    task_head_ = t;
    t->prev_ = t->next_ = t;
  } else {
    // insert before head (= at the end of the round)
    Task* tail = task_head_->prev_;
    tail->next_ = t;
    t->prev_ = tail;
    t->next_ = task_head_;
    task_head_->prev_ = t;
  }
}

void Driver::unschedule_task(Task* t) {
  if (!t->scheduled_) return;
  t->scheduled_ = false;
  if (t->next_ == t) {
    task_head_ = task_cursor_ = nullptr;
  } else {
    t->prev_->next_ = t->next_;
    t->next_->prev_ = t->prev_;
    if (task_head_ == t) task_head_ = t->next_;
    if (task_cursor_ == t) task_cursor_ = t->next_;
  }
  t->prev_ = t->next_ = nullptr;
}

bool Driver::run_tasks(int budget) {
  bool any = false;
  // Like Click's RouterThread, a batch is not cut short by a stop request:
  // the driver checks for stop between batches, so tasks already running
  // (e.g. an Unqueue draining a Queue) finish the batch.
  for (int i = 0; i < budget && task_head_; ++i) {
    Task* t = task_cursor_ && task_cursor_->scheduled_ ? task_cursor_ : task_head_;
    task_cursor_ = t->next_;
    // A task stays scheduled (Click's fast_reschedule model) unless it unschedules itself.
    any |= t->fire();
    if (!task_head_) task_cursor_ = nullptr;
  }
  return any;
}

// ---- timers ----

void Driver::swap_timers(int a, int b) {
  std::swap(timer_heap_[a], timer_heap_[b]);
  timer_heap_[a]->heap_index_ = a;
  timer_heap_[b]->heap_index_ = b;
}

void Driver::sift_timer_up(int i) {
  while (i > 0) {
    int p = (i - 1) / 2;
    if (!(timer_heap_[i]->expiry_ < timer_heap_[p]->expiry_)) break;
    swap_timers(i, p);
    i = p;
  }
}

void Driver::sift_timer_down(int k) {
  int n = int(timer_heap_.size());
  while (true) {
    int l = 2 * k + 1, r = l + 1, m = k;
    if (l < n && timer_heap_[l]->expiry_ < timer_heap_[m]->expiry_) m = l;
    if (r < n && timer_heap_[r]->expiry_ < timer_heap_[m]->expiry_) m = r;
    if (m == k) break;
    swap_timers(k, m);
    k = m;
  }
}

void Driver::schedule_timer(Timer* t) {
  t->heap_index_ = int(timer_heap_.size());
  timer_heap_.push_back(t);
  sift_timer_up(t->heap_index_);
}

void Driver::unschedule_timer(Timer* t) {
  int i = t->heap_index_;
  if (i < 0) return;
  int last = int(timer_heap_.size()) - 1;
  if (i != last) {
    timer_heap_[i] = timer_heap_[last];
    timer_heap_[i]->heap_index_ = i;
  }
  timer_heap_.pop_back();
  t->heap_index_ = -1;
  if (i < int(timer_heap_.size())) {
    // restore the heap property both ways (the moved timer may go up or down)
    Timer* moved = timer_heap_[i];
    sift_timer_up(i);
    sift_timer_down(moved->heap_index_);
  }
}

void Driver::fire_timers() {
  if (timer_heap_.empty()) return;
  Timestamp t_now = now();
  int guard = 0;
  while (!timer_heap_.empty() && timer_heap_[0]->expiry_ <= t_now && !stopped_ && guard++ < 1000) {
    Timer* t = timer_heap_[0];
    unschedule_timer(t);
    t->fire();
  }
}

// ---- fds ----

static uint32_t epoll_events_of(uint32_t mask) {
  return ((mask & Element::SELECT_READ) ? EPOLLIN : 0) | ((mask & Element::SELECT_WRITE) ? EPOLLOUT : 0);
}

int Driver::add_select(int fd, Element* e, int mask) {
  if (epfd_ < 0) epfd_ = epoll_create1(EPOLL_CLOEXEC);
  if (epfd_ < 0) return -errno;
  auto it = selects_.find(fd);
  bool existed = it != selects_.end();
  SelectEntry& se = selects_[fd];
  if (mask & Element::SELECT_READ) se.read = e;
  if (mask & Element::SELECT_WRITE) se.write = e;
  se.mask |= mask;
  struct epoll_event ev;
  memset(&ev, 0, sizeof ev);
  ev.events = epoll_events_of(se.mask);
  ev.data.fd = fd;
  if (epoll_ctl(epfd_, existed ? EPOLL_CTL_MOD : EPOLL_CTL_ADD, fd, &ev) < 0) return -errno;
  return 0;
}

int Driver::remove_select(int fd, Element*, int mask) {
  auto it = selects_.find(fd);
  if (it == selects_.end() || epfd_ < 0) return 0;
  SelectEntry& se = it->second;
  se.mask &= ~mask;
  if (mask & Element::SELECT_READ) se.read = nullptr;
  if (mask & Element::SELECT_WRITE) se.write = nullptr;
  if (!se.mask) {
    epoll_ctl(epfd_, EPOLL_CTL_DEL, fd, nullptr);
    selects_.erase(it);
  } else {
    struct epoll_event ev;
    memset(&ev, 0, sizeof ev);
    ev.events = epoll_events_of(se.mask);
    ev.data.fd = fd;
    epoll_ctl(epfd_, EPOLL_CTL_MOD, fd, &ev);
  }
  return 0;
}

// ---- the loop ----

// The epoll timeout: 0 while tasks are scheduled (or when not blocking),
// else until the next timer (at most 1 s), -1 with no timer at all.
// Returns INT_MIN when nothing can ever happen again.
int Driver::wait_timeout(bool block) {
  if (task_head_ || !block) return 0;
  int timeout = -1;
  if (!timer_heap_.empty()) {
    Timestamp d = timer_heap_[0]->expiry_ - now();
    int64_t ms = d.sec() < 0 ? 0 : d.msecval() + ((d.nsec() % 1000000) ? 1 : 0);
    timeout = int(std::min<int64_t>(ms, 1000));
  }
  if (selects_.empty() && timeout < 0) return INT_MIN;
  return timeout;
}

void Driver::wait_and_dispatch(int timeout) {
  if (epfd_ < 0 || selects_.empty()) {
    if (timeout > 0) usleep(useconds_t(timeout) * 1000);
    return;
  }
  struct epoll_event evs[64];
  int nev = epoll_wait(epfd_, evs, 64, timeout);
  for (int i = 0; i < nev && !stopped_; ++i) {
    int fd = evs[i].data.fd;
    auto it = selects_.find(fd);
    if (it == selects_.end()) continue;
    Element* r = it->second.read;
    Element* w = it->second.write;
    uint32_t ev = evs[i].events;
    if ((ev & (EPOLLIN | EPOLLHUP | EPOLLERR)) && r) r->selected(fd, Element::SELECT_READ);
    it = selects_.find(fd);
    if (it != selects_.end() && (ev & (EPOLLOUT | EPOLLERR)) && it->second.write == w && w) w->selected(fd, Element::SELECT_WRITE);
  }
}

bool Driver::run_once(bool block) {
  if (stopped_) return false;
  fire_timers();
  if (stopped_) return false;
  run_tasks(TASK_BUDGET);
  if (stopped_) return false;
  int timeout = wait_timeout(block);
  if (timeout > 0 && Timestamp::simulated_time() && !timer_heap_.empty()) {
    // --simtime: nothing to do until the next timer, so its time is now
    // (fds that are ready are still served first)
    wait_and_dispatch(0);
    if (!task_head_ && !stopped_) Timestamp::warp_steady_to(timer_heap_[0]->expiry_);
    return !stopped_;
  }
  if (timeout == INT_MIN) {
    // nothing can ever happen again: Click would hang; we stop instead
    stopped_ = true;
    return false;
  }
  wait_and_dispatch(timeout);
  return !stopped_;
}

CLICK_ENDDECLS
