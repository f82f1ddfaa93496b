//! Character folding for matching labels.
//!
//! Labels are matched on a folded form of the text: full-width ASCII becomes half-width,
//! every kind of bracket and dot is unified, quotes and white space vanish, and traditional
//! characters that occur in the official labels become simplified. Raw text is never
//! replaced: spans and `raw` keep pointing at what the input said.

/// The folded form of `c`, or `None` when the character is dropped for matching
/// (white space, quotes, zero-width and control characters).
///
/// Every character of a text is folded (by the tokens and by the metadata reader): the
/// common cases, ASCII and CJK ideographs that are not traditional forms, are answered
/// inline; the rest by [`fold_other`]. (Not in the page's wasm, which is built for size.)
#[cfg_attr(not(target_arch = "wasm32"), inline)]
pub fn fold(c: char) -> Option<char> {
    if c.is_ascii() {
        return match c {
            '"' | '\'' => None,
            c if c.is_ascii_whitespace() || c.is_ascii_control() => None,
            c => Some(c),
        };
    }
    let code = c as u32;
    if (0x4E00..=0x9FFF).contains(&code) {
        // Most ideographs are not in the traditional table: a bitmap answers that.
        let bit = (code - 0x4E00) as usize;
        if TRADITIONAL_BITS[bit / 64] & (1 << (bit % 64)) == 0 {
            return Some(c);
        }
        return Some(simplify(c));
    }
    fold_other(c)
}

/// [`fold`] for characters neither ASCII nor CJK ideographs.
fn fold_other(c: char) -> Option<char> {
    let c = match c {
        // Full-width ASCII: digits, Latin letters, brackets, colon, comma, dot, slash, signs.
        '［' => '(',
        '］' => ')',
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        '\u{3000}' => return None,
        c if c.is_whitespace() => return None,
        '\u{200B}'..='\u{200F}' | '\u{2060}' | '\u{FEFF}' | '\u{00AD}' => return None,
        c if c.is_control() => return None,
        '“' | '”' | '‘' | '’' | '"' | '\'' | '「' | '」' | '『' | '』' | '〝' | '〞' | '‟' | '„' | '«' | '»' => {
            return None;
        }
        '【' | '〔' | '〖' | '﹙' => '(',
        '】' | '〕' | '〗' | '﹚' => ')',
        '·' | '•' => '.',
        '—' | '–' | '―' | '‐' | '‑' | '−' | '﹣' => '-',
        '∕' | '⁄' => '/',
        c => c,
    };
    // Brackets fold to ASCII too, after the full-width pass above turned （ into (.
    Some(simplify(c))
}

/// Folds a whole string.
pub fn fold_str(s: &str) -> String {
    s.chars().filter_map(fold).collect()
}

/// Whether `c` (folded) is a CJK ideograph.
pub fn is_cjk(c: char) -> bool {
    matches!(c, '\u{4E00}'..='\u{9FFF}' | '\u{3400}'..='\u{4DBF}' | '\u{F900}'..='\u{FAFF}')
}

/// Maps traditional characters that occur in the official labels, headings and common
/// report wording to their simplified forms (reports republished on mirror sites are
/// sometimes in traditional characters).
fn simplify(c: char) -> char {
    let code = c as u32;
    if !(0x4E00..=0x9FFF).contains(&code) {
        return c;
    }
    // Most characters are not in the table: a bitmap answers that without a search.
    let bit = (code - 0x4E00) as usize;
    if TRADITIONAL_BITS[bit / 64] & (1 << (bit % 64)) == 0 {
        return c;
    }
    match TRADITIONAL.binary_search_by(|(t, _)| t.cmp(&c)) {
        Ok(i) => TRADITIONAL[i].1,
        Err(_) => c,
    }
}

/// One bit per ideograph U+4E00..=U+9FFF, set for those in [`TRADITIONAL`]; built at compile
/// time from the table.
static TRADITIONAL_BITS: [u64; 328] = {
    let mut bits = [0u64; 328];
    let mut i = 0;
    while i < TRADITIONAL.len() {
        let code = TRADITIONAL[i].0 as u32;
        if code >= 0x4E00 && code <= 0x9FFF {
            let bit = (code - 0x4E00) as usize;
            bits[bit / 64] |= 1 << (bit % 64);
        }
        i += 1;
    }
    bits
};

/// Traditional → simplified for the characters of labels, headings and common report wording,
/// sorted by the traditional character (a test checks the order).
const TRADITIONAL_LEN: usize = 319;
#[rustfmt::skip]
static TRADITIONAL: [(char, char); TRADITIONAL_LEN] = [
    ('並', '并'), ('佈', '布'), ('來', '来'), ('係', '系'), ('個', '个'), ('們', '们'), ('傳', '传'), ('傷', '伤'),
    ('僅', '仅'), ('價', '价'), ('億', '亿'), ('儘', '尽'), ('優', '优'), ('內', '内'), ('兩', '两'), ('冊', '册'),
    ('則', '则'), ('創', '创'), ('劃', '划'), ('劑', '剂'), ('動', '动'), ('務', '务'), ('勢', '势'), ('匯', '汇'),
    ('區', '区'), ('協', '协'), ('卻', '却'), ('厲', '厉'), ('參', '参'), ('員', '员'), ('問', '问'), ('啟', '启'),
    ('單', '单'), ('嚴', '严'), ('國', '国'), ('圍', '围'), ('執', '执'), ('報', '报'), ('場', '场'), ('壞', '坏'),
    ('夠', '够'), ('奪', '夺'), ('實', '实'), ('寧', '宁'), ('審', '审'), ('對', '对'), ('導', '导'), ('屬', '属'),
    ('島', '岛'), ('巿', '市'), ('帶', '带'), ('幹', '干'), ('廢', '废'), ('廣', '广'), ('廳', '厅'), ('強', '强'),
    ('後', '后'), ('徑', '径'), ('從', '从'), ('復', '复'), ('徵', '征'), ('態', '态'), ('慮', '虑'), ('慶', '庆'),
    ('應', '应'), ('懷', '怀'), ('戰', '战'), ('戲', '戏'), ('戶', '户'), ('採', '采'), ('換', '换'), ('擊', '击'),
    ('擔', '担'), ('據', '据'), ('擬', '拟'), ('擴', '扩'), ('數', '数'), ('斷', '断'), ('於', '于'), ('時', '时'),
    ('暢', '畅'), ('書', '书'), ('會', '会'), ('東', '东'), ('條', '条'), ('業', '业'), ('構', '构'), ('標', '标'),
    ('機', '机'), ('檢', '检'), ('權', '权'), ('歲', '岁'), ('歷', '历'), ('歸', '归'), ('決', '决'), ('沒', '没'),
    ('況', '况'), ('準', '准'), ('溝', '沟'), ('滬', '沪'), ('滿', '满'), ('漢', '汉'), ('潔', '洁'), ('澤', '泽'),
    ('濟', '济'), ('瀋', '沈'), ('災', '灾'), ('為', '为'), ('無', '无'), ('爭', '争'), ('獨', '独'), ('獲', '获'),
    ('現', '现'), ('環', '环'), ('產', '产'), ('畢', '毕'), ('畫', '画'), ('當', '当'), ('療', '疗'), ('癥', '症'),
    ('發', '发'), ('盡', '尽'), ('監', '监'), ('盤', '盘'), ('確', '确'), ('稅', '税'), ('種', '种'), ('稱', '称'),
    ('積', '积'), ('穩', '稳'), ('窮', '穷'), ('節', '节'), ('範', '范'), ('築', '筑'), ('簡', '简'), ('糾', '纠'),
    ('紀', '纪'), ('約', '约'), ('納', '纳'), ('紙', '纸'), ('級', '级'), ('紛', '纷'), ('細', '细'), ('終', '终'),
    ('組', '组'), ('結', '结'), ('絕', '绝'), ('絡', '络'), ('給', '给'), ('統', '统'), ('經', '经'), ('綜', '综'),
    ('維', '维'), ('綱', '纲'), ('網', '网'), ('緊', '紧'), ('線', '线'), ('編', '编'), ('練', '练'), ('縣', '县'),
    ('縮', '缩'), ('縱', '纵'), ('總', '总'), ('績', '绩'), ('織', '织'), ('繫', '系'), ('繳', '缴'), ('繼', '继'),
    ('續', '续'), ('罰', '罚'), ('義', '义'), ('習', '习'), ('聞', '闻'), ('聯', '联'), ('職', '职'), ('聽', '听'),
    ('臺', '台'), ('與', '与'), ('舉', '举'), ('華', '华'), ('萬', '万'), ('藝', '艺'), ('蘇', '苏'), ('蘭', '兰'),
    ('處', '处'), ('虛', '虚'), ('號', '号'), ('術', '术'), ('衛', '卫'), ('衝', '冲'), ('補', '补'), ('裝', '装'),
    ('裡', '里'), ('製', '制'), ('複', '复'), ('覆', '复'), ('見', '见'), ('規', '规'), ('視', '视'), ('覺', '觉'),
    ('覽', '览'), ('觀', '观'), ('觸', '触'), ('訂', '订'), ('計', '计'), ('訊', '讯'), ('託', '托'), ('記', '记'),
    ('訟', '讼'), ('訪', '访'), ('設', '设'), ('許', '许'), ('訴', '诉'), ('評', '评'), ('詢', '询'), ('該', '该'),
    ('詳', '详'), ('誌', '志'), ('認', '认'), ('語', '语'), ('誤', '误'), ('說', '说'), ('請', '请'), ('諮', '咨'),
    ('證', '证'), ('識', '识'), ('議', '议'), ('護', '护'), ('讀', '读'), ('變', '变'), ('負', '负'), ('貢', '贡'),
    ('貫', '贯'), ('責', '责'), ('貴', '贵'), ('費', '费'), ('貿', '贸'), ('資', '资'), ('賦', '赋'), ('質', '质'),
    ('購', '购'), ('趨', '趋'), ('跡', '迹'), ('轉', '转'), ('辦', '办'), ('農', '农'), ('這', '这'), ('連', '连'),
    ('進', '进'), ('過', '过'), ('達', '达'), ('違', '违'), ('遞', '递'), ('遠', '远'), ('適', '适'), ('選', '选'),
    ('遺', '遗'), ('遼', '辽'), ('還', '还'), ('邊', '边'), ('邏', '逻'), ('鄉', '乡'), ('鄰', '邻'), ('醫', '医'),
    ('銀', '银'), ('錄', '录'), ('錢', '钱'), ('鎮', '镇'), ('鐘', '钟'), ('鐵', '铁'), ('鑒', '鉴'), ('長', '长'),
    ('門', '门'), ('開', '开'), ('間', '间'), ('閱', '阅'), ('關', '关'), ('陝', '陕'), ('陳', '陈'), ('陸', '陆'),
    ('隊', '队'), ('階', '阶'), ('際', '际'), ('隨', '随'), ('險', '险'), ('隱', '隐'), ('隸', '隶'), ('雙', '双'),
    ('雜', '杂'), ('離', '离'), ('雲', '云'), ('電', '电'), ('靜', '静'), ('響', '响'), ('頁', '页'), ('項', '项'),
    ('順', '顺'), ('預', '预'), ('頒', '颁'), ('領', '领'), ('頭', '头'), ('頻', '频'), ('題', '题'), ('額', '额'),
    ('願', '愿'), ('類', '类'), ('顯', '显'), ('風', '风'), ('飛', '飞'), ('餘', '余'), ('駐', '驻'), ('驗', '验'),
    ('體', '体'), ('麼', '么'), ('點', '点'), ('黨', '党'), ('齊', '齐'), ('齡', '龄'), ('龍', '龙'),
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_width_quotes_and_space() {
        assert_eq!(fold_str("第二十条第（一）项"), "第二十条第(一)项");
        assert_eq!(fold_str("3.危及“三安全一稳定”"), "3.危及三安全一稳定");
        assert_eq!(fold_str("3.危及\"三安全一稳定\""), "3.危及三安全一稳定");
        assert_eq!(fold_str("商业\n企业"), "商业企业");
        assert_eq!(fold_str("１２３　４"), "1234");
        assert_eq!(fold_str("本年收费金额（单位：万元）"), "本年收费金额(单位:万元)");
        assert_eq!(fold_str("1．属于"), "1.属于");
    }

    #[test]
    fn traditional_table_is_sorted_for_binary_search() {
        assert!(TRADITIONAL.windows(2).all(|w| w[0].0 < w[1].0));
    }

    #[test]
    fn folds_traditional_label_characters() {
        assert_eq!(fold_str("本年新收政府信息公開申請數量"), "本年新收政府信息公开申请数量");
        assert_eq!(fold_str("結轉下年度繼續辦理"), "结转下年度继续办理");
        assert_eq!(fold_str("行政復議"), "行政复议");
        assert_eq!(fold_str("行政訴訟"), "行政诉讼");
    }
}
