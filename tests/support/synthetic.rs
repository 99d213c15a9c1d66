//! A deterministic generator of synthetic site corpora, shared by
//! `tests/boilerplate_corpus.rs` and `benches/corpus.rs` (text we generate,
//! never corpus text).

/// Every document of a group has the group's header and footer lines (its boilerplate) around a
/// title and paragraphs of its own.
pub struct Synthetic {
    state: u64,
}

impl Synthetic {
    pub fn new() -> Self {
        Synthetic { state: 1 }
    }

    fn next(&mut self) -> u64 {
        // xorshift64*
        self.state ^= self.state >> 12;
        self.state ^= self.state << 25;
        self.state ^= self.state >> 27;
        self.state.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    fn sentence(&mut self, out: &mut String, chars: usize) {
        const HAN: &str = "的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业本去把性好应开它合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内数正心反你明看原又么利比或但质气第向道命此变条只没结解问意建月公无系军很情者最立代想已通并提直题党程展五果料象员革位入常文总次品式活设及管特件长求老头基资边流路级少图山统接知较将组见计别她手角期根论运农指几九区强放决西被干做必战先回则任取据处理府研质";
        let han: Vec<char> = HAN.chars().collect();
        for i in 0..chars {
            out.push(han[(self.next() % han.len() as u64) as usize]);
            if i % 12 == 11 {
                out.push('，');
            }
        }
        out.push_str("。\n");
    }

    /// Document `doc` of group `group`.
    pub fn document(&mut self, group: u32, doc: u32, out: &mut String) {
        out.clear();
        self.state =
            (u64::from(group) << 32 | u64::from(doc)).wrapping_mul(0x9e37_79b9_7f4a_7c15) | 1;
        out.push_str(&format!("站点{group}首页 > 新闻中心 > 通知公告\n"));
        self.sentence(out, 14);
        out.push_str("深入学习贯彻党的二十大精神\n");
        for _ in 0..4 {
            let n = 40 + (self.next() % 60) as usize;
            self.sentence(out, n);
        }
        out.push_str(&format!(
            "主办单位：第{group}号单位办公室 技术支持：信息中心\n"
        ));
        out.push_str(&format!("版权所有 第{group}号单位 网站标识码{group:010}\n"));
    }
}
