package dev.tokenkeep.oauth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tokenkeep.oauth.ZohoDataCenter.Environment;
import java.util.EnumSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

class ZohoDataCenterTest {

  @ParameterizedTest
  @CsvSource({
    "US, https://accounts.zoho.com,       https://www.zohoapis.com",
    "EU, https://accounts.zoho.eu,        https://www.zohoapis.eu",
    "IN, https://accounts.zoho.in,        https://www.zohoapis.in",
    "CN, https://accounts.zoho.com.cn,    https://www.zohoapis.com.cn",
    "JP, https://accounts.zoho.jp,        https://www.zohoapis.jp",
    "AU, https://accounts.zoho.com.au,    https://www.zohoapis.com.au",
    "CA, https://accounts.zohocloud.ca,   https://www.zohoapis.ca",
    "SA, https://accounts.zoho.sa,        https://www.zohoapis.sa"
  })
  void dataCenter_hasZohosAccountsServerAndApiDomain(ZohoDataCenter dc, String accounts, String api) {
    assertThat(dc.accountsUrl()).hasToString(accounts);
    assertThat(dc.apiDomain()).isEqualTo(api);
    assertThat(ZohoDataCenter.ofApiDomain(api)).contains(dc);
    assertThat(ZohoDataCenter.ofAccountsUrl(accounts)).contains(dc);
    assertThat(ZohoDataCenter.ofLocation(dc.location())).contains(dc);
  }

  @ParameterizedTest
  @EnumSource(ZohoDataCenter.class)
  void environments_haveTheirOwnApiDomains_inTheSameDataCenter(ZohoDataCenter dc) {
    for (Environment env : Environment.values()) {
      String domain = dc.apiDomain(env);
      assertThat(ZohoDataCenter.ofApiDomain(domain)).contains(dc);
      assertThat(Environment.ofApiDomain(domain)).contains(env);
    }
    assertThat(dc.apiDomain(Environment.SANDBOX)).startsWith("https://sandbox.zohoapis.");
    assertThat(dc.apiDomain(Environment.DEVELOPER)).startsWith("https://developer.zohoapis.");
  }

  @Test
  void canada_isOnZohocloud() {
    assertThat(ZohoDataCenter.CA.accountsUrl().getHost()).isEqualTo("accounts.zohocloud.ca");
    assertThat(ZohoDataCenter.ofAccountsUrl("https://accounts.zoho.ca")).isEmpty();
  }

  @Test
  void ofApiDomain_acceptsBareHostTrailingSlashAndCase() {
    assertThat(ZohoDataCenter.ofApiDomain("www.zohoapis.com.au")).contains(ZohoDataCenter.AU);
    assertThat(ZohoDataCenter.ofApiDomain("https://www.zohoapis.eu/")).contains(ZohoDataCenter.EU);
    assertThat(ZohoDataCenter.ofApiDomain("HTTPS://WWW.ZOHOAPIS.IN")).contains(ZohoDataCenter.IN);
    assertThat(ZohoDataCenter.ofApiDomain("https://www.zohoapis.com.cn")).contains(ZohoDataCenter.CN);
  }

  @ParameterizedTest
  @ValueSource(strings = {
    "https://www.zohoapis.com.evil.example", "https://evil.example/www.zohoapis.com",
    "https://zohoapis.com", "http://www.zohoapis.com", "https://user@www.zohoapis.com",
    "https://www.zohoapis.com:8443", "https://www.zohoapis.de", "", " "})
  void ofApiDomain_refusesLookalikes(String domain) {
    assertThat(ZohoDataCenter.ofApiDomain(domain)).isEmpty();
    assertThat(Environment.ofApiDomain(domain)).isEmpty();
  }

  @Test
  void ofApiDomain_null_empty() {
    assertThat(ZohoDataCenter.ofApiDomain(null)).isEmpty();
  }

  @Test
  void locations_areDistinct() {
    EnumSet<ZohoDataCenter> found = EnumSet.noneOf(ZohoDataCenter.class);
    for (ZohoDataCenter dc : ZohoDataCenter.values()) {
      found.add(ZohoDataCenter.ofLocation(dc.location().toUpperCase()).orElseThrow());
    }
    assertThat(found).containsExactlyInAnyOrder(ZohoDataCenter.values());
  }
}
