// HANDLERS: t0.count t1.count
FromDump(in.pcap, STOP true) -> t :: Tee(2);
t[0] -> t0 :: Counter -> ToDump(o0.pcap);
t[1] -> t1 :: Counter -> ToDump(o1.pcap);
