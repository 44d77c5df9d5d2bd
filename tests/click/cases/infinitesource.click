// HANDLERS: s.count c.count
s :: InfiniteSource(DATA "ab", LIMIT 4, LENGTH 20, STOP true) -> c :: Counter -> ToDump(o0.pcap);
