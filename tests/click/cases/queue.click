// HANDLERS: q.drops q.highwater_length q.length q.capacity
// The push source fills a 5-slot queue before anything pulls (Unqueue is
// inactive); DriverManager then activates it and lets it drain.
FromDump(in.pcap, STOP true) -> q :: Queue(5) -> u :: Unqueue(ACTIVE false) -> ToDump(o0.pcap);
DriverManager(wait_stop, write u.active true, wait_time 0.2s, stop);
