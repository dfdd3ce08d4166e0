/// Folds Traditional Chinese characters to their Simplified form, so that a query in either script
/// matches text in the other.
///
/// This is a small **folding table**, not a converter: it covers the characters used in the sample
/// catalogue and common government vocabulary, maps one character to one character, and ignores
/// context (so it never needs to choose between several Simplified candidates). Characters not in
/// the table, and characters that are the same in both scripts, are left unchanged. Both the index
/// and the query are folded, so a Simplified query finds Traditional text and the reverse.
public enum ChineseScriptFolding {
    /// Traditional → Simplified pairs, two characters each.
    private static let pairs: [String] = """
        飲饮 證证 書书 請请 業业 勞劳 務务 衛卫 際际 經经 濟济 學学 車车 稅税 機机 構构 門门 會会 場场 營营 記记 發发 樓楼
        館馆 廳厅 齡龄 領领 屬属 關关 權权 屋屋 產产 區区 澳澳 處处 級级 續续 號号 碼码 簽签 護护 費费 補补 貼贴 資资 質质
        員员 僱雇 職职 練练 訓训 課课 報报 導导 與与 條条 規规 劃划 計计 畫画 設设 備备 檢检 驗验 藥药 醫医 療疗 衛卫 種种
        綜综 網网 絡络 線线 統统 準准 確确 認认 時时 間间 開开 個个 歲岁 兒儿 幼幼 園园 圖图 聯联 繫系 據据 擬拟 議议 審审
        運运 輸输 駕驾 駛驶 執执 買买 賣卖 價价 貨货 幣币 銀银 錢钱 貸贷 稱称 標标 鋪铺 攤摊 販贩 廣广 麗丽 閱阅 鐘钟 紀纪
        錄录 無无 犯犯 實实 體体 團团 單单 雙双 術术 藝艺 廠厂 並并 從从 來来 對对 總总 歸归 頁页 項项 額额 顧顾 頒颁 檔档
        戶户 帳账 災灾 滅灭 險险 遊游 說说 讀读 寫写 傳传 專专 電电 腦脑 話话 視视 覽览 觀观 環环 境境 燈灯 氣气 熱热 風风
        漁渔 農农 糧粮 餐餐 館馆 飯饭 麵面 雞鸡 魚鱼 豬猪 鮮鲜 臨临 時时 辦办 續续 換换 遺遗 失失 補补 銷销 註注 冊册 簡简
        檢检 査查 預预 約约 顯显 務务 屆届 選选 舉举 組组 織织 協协 轉转 讓让 贈赠 繼继 婚婚 離离 禮礼 喪丧 葬葬 殯殡 儀仪
        狀状 況况 療疗 衆众 眾众 鄰邻 樂乐 廟庙 築筑 裝装 脩修 擴扩 礎础 維维 護护 駐驻 獎奖 勵励 優优 惠惠 傷伤 殘残 養养
        歷历 壽寿 順顺 頭头 髮发 鬥斗 隊队 陳陈 張张 劉刘 楊杨 黃黄 趙赵 吳吴 鄭郑 馬马 費费 貿贸 億亿 萬万 兩两 碼码 於于
        韓韩 蘭兰 齊齐 龍龙 鳳凤 隻只 犬犬 狗狗 紙纸 賓宾 識识 權权 產产 壓压 獨独 廢废 棄弃 潔洁 淨净 壞坏 雜杂 療疗 滿满
        鐵铁 鋼钢 層层 橋桥 隧隧 灣湾 島岛 氹氹 仔仔 嶼屿 圍围 陸陆 漢汉 語语 葡葡 萄萄 譯译 詞词 詢询 諮咨 調调 談谈 證证
        見见 覺觉 親亲 頻频 類类 講讲 貴贵 責责 負负 債债 際际 戲戏 劇剧 縣县 帶带 幫帮 師师 陽阳 陰阴 國国 東东 亞亚 歐欧
        筆笔 範范 試试 績绩 標标 準准 帥帅 啟启 舊旧 塊块 裡里 邊边 後后 麼么 儲储 蓄蓄 彙汇 匯汇 廣广 媒媒 雲云 盡尽 傑杰
        """.split(whereSeparator: \.isWhitespace).map(String.init)

    private static let table: [Character: Character] = {
        var table: [Character: Character] = [:]
        for pair in pairs {
            let characters = Array(pair)
            guard characters.count == 2, characters[0] != characters[1] else { continue }
            table[characters[0]] = characters[1]
        }
        return table
    }()

    /// The Simplified form of `character` if the table has one, else `character` itself.
    public static func fold(_ character: Character) -> Character {
        table[character] ?? character
    }

    /// `text` with every character folded.
    public static func fold(_ text: String) -> String {
        String(text.map(fold))
    }
}
