// HANDLERS: c0.count c1.count c2.count
// RoundRobinSwitch spreads packets; Paint marks each arm, PaintSwitch sorts them again.
src :: FromDump(in.pcap, STOP true);
rr :: RoundRobinSwitch;
ps :: PaintSwitch;
src -> rr;
rr[0] -> Paint(0) -> ps;
rr[1] -> Paint(1) -> ps;
rr[2] -> Paint(2) -> ps;
ps[0] -> c0 :: Counter -> ToDump(o0.pcap);
ps[1] -> c1 :: Counter -> ToDump(o1.pcap);
ps[2] -> c2 :: Counter -> ToDump(o2.pcap);
