//! Generated news-like text shared by the `annotate` bench and the `time_profile` example, so
//! both measure the same workload.

/// Sentence pieces mixed by a fixed pseudo-random sequence into a long text.
const PIECES: &[&str] = &[
    "The government said on Tuesday that exports fell 4.5 percent in March from a year earlier.",
    "Officials in Seoul have been working with local firms to localize key materials and parts.",
    "The company plans to invest $120 million in a new plant by 2030, according to a filing.",
    "Analysts expect the central bank to keep rates unchanged at its meeting next month.",
    "Shares of the chipmaker rose 2 percent in early trading, while the broader index slipped.",
    "The ministry will announce details of the support package in the first half of this year.",
    "Many small and mid-sized suppliers say they still depend on imports for high purity chemicals.",
    "Over the past four years, the firm has spent more than 10 million dollars on research.",
    "The talks, which began last week, are expected to continue for several days.",
    "Residents said they had never seen anything like it, and some were still waiting for help.",
    "A spokesperson declined to comment on the report, citing ongoing negotiations with partners.",
    "Production is set to start in late 2025, with output of 1,200 tons a year.",
];

/// About `bytes` bytes of text mixed from [`PIECES`] by a fixed pseudo-random sequence.
pub(crate) fn generated(bytes: usize) -> String {
    let mut text = String::with_capacity(bytes + 200);
    let mut state: u64 = 0x2545_f491_4f6c_dd1d;
    while text.len() < bytes {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        text.push_str(PIECES[(state % PIECES.len() as u64) as usize]);
        text.push(if state % 5 == 0 { '\n' } else { ' ' });
    }
    text
}
