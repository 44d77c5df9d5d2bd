Idle -> c :: IPClassifier(udp dst port 5060 and src net 10.40.1.0/24, tcp or icmp type echo, -) -> Discard;
c[1] -> Counter -> Discard; c[2] -> Discard;
