package org.yimatong.schemas.dictionary;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The 34 province-level divisions of GB/T 2260, keyed by the two-digit prefix that starts every region
 * code of the division (DESIGN.md §1: hubs route on it). Kept identical to
 * {@code dictionary/provinces.json} by {@code DictionaryFilesTest}.
 *
 * <p>A known prefix is not the same as a prefix valid in a resident ID number: {@code 71} (Taiwan) is a
 * division here but appears in no ID number, and {@code 83} appears in ID numbers but is no division. See
 * {@code org.yimatong.schemas.idnumber.ResidentIdPrefixes}.
 */
public enum Province {
    BEIJING("11", "北京市", "Beijing", Kind.MUNICIPALITY),
    TIANJIN("12", "天津市", "Tianjin", Kind.MUNICIPALITY),
    HEBEI("13", "河北省", "Hebei", Kind.PROVINCE),
    SHANXI("14", "山西省", "Shanxi", Kind.PROVINCE),
    INNER_MONGOLIA("15", "内蒙古自治区", "Inner Mongolia", Kind.AUTONOMOUS_REGION),
    LIAONING("21", "辽宁省", "Liaoning", Kind.PROVINCE),
    JILIN("22", "吉林省", "Jilin", Kind.PROVINCE),
    HEILONGJIANG("23", "黑龙江省", "Heilongjiang", Kind.PROVINCE),
    SHANGHAI("31", "上海市", "Shanghai", Kind.MUNICIPALITY),
    JIANGSU("32", "江苏省", "Jiangsu", Kind.PROVINCE),
    ZHEJIANG("33", "浙江省", "Zhejiang", Kind.PROVINCE),
    ANHUI("34", "安徽省", "Anhui", Kind.PROVINCE),
    FUJIAN("35", "福建省", "Fujian", Kind.PROVINCE),
    JIANGXI("36", "江西省", "Jiangxi", Kind.PROVINCE),
    SHANDONG("37", "山东省", "Shandong", Kind.PROVINCE),
    HENAN("41", "河南省", "Henan", Kind.PROVINCE),
    HUBEI("42", "湖北省", "Hubei", Kind.PROVINCE),
    HUNAN("43", "湖南省", "Hunan", Kind.PROVINCE),
    GUANGDONG("44", "广东省", "Guangdong", Kind.PROVINCE),
    GUANGXI("45", "广西壮族自治区", "Guangxi Zhuang", Kind.AUTONOMOUS_REGION),
    HAINAN("46", "海南省", "Hainan", Kind.PROVINCE),
    CHONGQING("50", "重庆市", "Chongqing", Kind.MUNICIPALITY),
    SICHUAN("51", "四川省", "Sichuan", Kind.PROVINCE),
    GUIZHOU("52", "贵州省", "Guizhou", Kind.PROVINCE),
    YUNNAN("53", "云南省", "Yunnan", Kind.PROVINCE),
    XIZANG("54", "西藏自治区", "Xizang (Tibet)", Kind.AUTONOMOUS_REGION),
    SHAANXI("61", "陕西省", "Shaanxi", Kind.PROVINCE),
    GANSU("62", "甘肃省", "Gansu", Kind.PROVINCE),
    QINGHAI("63", "青海省", "Qinghai", Kind.PROVINCE),
    NINGXIA("64", "宁夏回族自治区", "Ningxia Hui", Kind.AUTONOMOUS_REGION),
    XINJIANG("65", "新疆维吾尔自治区", "Xinjiang Uygur", Kind.AUTONOMOUS_REGION),
    TAIWAN("71", "台湾省", "Taiwan", Kind.PROVINCE),
    HONG_KONG("81", "香港特别行政区", "Hong Kong", Kind.SPECIAL_ADMINISTRATIVE_REGION),
    MACAO("82", "澳门特别行政区", "Macao", Kind.SPECIAL_ADMINISTRATIVE_REGION);

    /** What kind of province-level division it is. */
    public enum Kind {
        PROVINCE, AUTONOMOUS_REGION, MUNICIPALITY, SPECIAL_ADMINISTRATIVE_REGION
    }

    private static final Map<String, Province> BY_PREFIX = new HashMap<>();

    static {
        for (Province p : values()) {
            BY_PREFIX.put(p.prefix, p);
        }
    }

    private final String prefix;
    private final String nameZh;
    private final String nameEn;
    private final Kind kind;

    Province(String prefix, String nameZh, String nameEn, Kind kind) {
        this.prefix = prefix;
        this.nameZh = nameZh;
        this.nameEn = nameEn;
        this.kind = kind;
    }

    /** The two-digit prefix, e.g. {@code 31}. */
    public String prefix() {
        return prefix;
    }

    /** The six-digit GB/T 2260 code of the division itself, e.g. {@code 310000}. */
    public String regionCode() {
        return prefix + "0000";
    }

    /** The official Chinese name, e.g. {@code 上海市}. */
    public String nameZh() {
        return nameZh;
    }

    /** The English name without the kind, e.g. {@code Shanghai}. */
    public String nameEn() {
        return nameEn;
    }

    public Kind kind() {
        return kind;
    }

    /** The division of a two-digit prefix; empty for anything else (including {@code null}). */
    public static Optional<Province> byPrefix(String prefix) {
        if (prefix == null || prefix.length() != 2) {
            return Optional.empty();
        }
        return Optional.ofNullable(BY_PREFIX.get(prefix));
    }

    /**
     * The division a six-digit region code belongs to, by its first two digits ({@code 310101} is in
     * {@link #SHANGHAI}). Empty unless the code is six ASCII digits with a known prefix. Whether the
     * remaining four digits name a real prefecture or county is not checked.
     */
    public static Optional<Province> byRegionCode(String regionCode) {
        if (regionCode == null || regionCode.length() != 6 || !asciiDigits(regionCode)) {
            return Optional.empty();
        }
        return byPrefix(regionCode.substring(0, 2));
    }

    /** Whether the two-digit prefix names one of the 34 divisions. */
    public static boolean isKnownPrefix(String prefix) {
        return byPrefix(prefix).isPresent();
    }

    private static boolean asciiDigits(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }
}
