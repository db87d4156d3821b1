package org.yimatong.schemas.dictionary;

/**
 * What kind of place a venue code (claim {@code knd}, DESIGN.md §5a) is posted at. The kinds are the places Gansu's
 * venue codes (场所码) were posted at when its health code 2.0 brought them in: residential compounds, station
 * entrances, hospitals, offices where people do their business with the government, workplaces, shops, restaurants,
 * schools. A kind outside this list makes a venue code malformed, so a platform with another kind of place uses
 * {@link #OTHER} until the list grows in a minor version.
 */
public enum VenueKind {
    /** 住宅小区: the gate of a residential compound. */
    RESIDENTIAL("住宅小区"),
    /** 交通站点: an entrance of a metro, railway or bus station or an airport. */
    STATION("交通站点"),
    /** 医疗机构: a hospital or clinic. */
    HOSPITAL("医疗机构"),
    /** 办事场所: a government service hall or office open to the public. */
    OFFICE("办事场所"),
    /** 企业单位: a workplace, for its staff and visitors. */
    WORKPLACE("企业单位"),
    /** 商超: a shop, market or shopping centre. */
    SHOP("商超"),
    /** 餐饮: a restaurant or canteen. */
    RESTAURANT("餐饮"),
    /** 学校: a school or university. */
    SCHOOL("学校"),
    /** 其他: any other place. */
    OTHER("其他");

    private final String nameZh;

    VenueKind(String nameZh) {
        this.nameZh = nameZh;
    }

    /** The kind as Chinese signage names it. */
    public String nameZh() {
        return nameZh;
    }
}
