// HANDLERS: q.drops q.highwater_length q.length q.capacity
// The push source fills a 5-slot queue before anything pulls (Unqueue is
// inactive); DriverManager then activates it; the Counter stops the driver
// once the 5 queued packets went through.
FromDump(in.pcap, STOP true) -> q :: Queue(5) -> u :: Unqueue(ACTIVE false)
  -> Counter(COUNT_CALL 5 stop) -> ToDump(o0.pcap);
DriverManager(wait_stop, write u.active true, wait_stop, stop);
