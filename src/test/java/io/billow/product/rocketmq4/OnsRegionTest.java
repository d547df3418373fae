package io.billow.product.rocketmq4;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** How an ONS call's region is read from the endpoint it addressed. */
class OnsRegionTest {

    @Test
    void theRegionIsTheSecondLabelOfAnOnsEndpoint() {
        assertThat(OnsRegion.fromHost("ons.cn-shanghai.aliyuncs.com")).contains("cn-shanghai");
        assertThat(OnsRegion.fromHost("ONS.AP-SOUTHEAST-1.ALIYUNCS.COM:80")).contains("ap-southeast-1");
        assertThat(OnsRegion.fromHost("ons.cn-hangzhou.aliyuncs.com.")).contains("cn-hangzhou");
    }

    @Test
    void anyOtherHostNamesNoRegion() {
        assertThat(OnsRegion.fromHost("127.0.0.1:8080")).isEmpty();
        assertThat(OnsRegion.fromHost("rds.cn-shanghai.aliyuncs.com")).isEmpty();
        assertThat(OnsRegion.fromHost("ons.cn-shanghai.aliyuncs.com.evil.example")).isEmpty();
        assertThat(OnsRegion.fromHost("ons.aliyuncs.com")).isEmpty();
    }
}
