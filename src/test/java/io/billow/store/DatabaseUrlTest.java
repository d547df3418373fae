package io.billow.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class DatabaseUrlTest {

    @Test
    void jdbcUrlWithParametersPassesThrough() {
        DatabaseUrl url = DatabaseUrl.parse("jdbc:postgresql://db.example:5432/billow?user=app&password=s3cret");
        assertThat(url.jdbcUrl()).isEqualTo("jdbc:postgresql://db.example:5432/billow?user=app&password=s3cret");
        assertThat(url.user()).isEmpty();
        assertThat(url.password()).isEmpty();
        assertThat(url.toString()).doesNotContain("s3cret").contains("password=***");
    }

    @Test
    void libpqUrlHasItsUserInfoTakenOut() {
        DatabaseUrl url = DatabaseUrl.parse("postgresql://app:p%40ss+word@db.example:6432/billow?sslmode=require");
        assertThat(url.jdbcUrl()).isEqualTo("jdbc:postgresql://db.example:6432/billow?sslmode=require");
        assertThat(url.user()).hasValue("app");
        assertThat(url.password()).hasValue("p@ss+word");
        assertThat(url.toString()).isEqualTo("app@jdbc:postgresql://db.example:6432/billow?sslmode=require");
    }

    @Test
    void jdbcUrlWithUserInfoAndPostgresSchemeAreAccepted() {
        assertThat(DatabaseUrl.parse("jdbc:postgresql://app:pw@h/billow"))
                .isEqualTo(DatabaseUrl.parse("postgres://app:pw@h/billow"));
        DatabaseUrl userOnly = DatabaseUrl.parse("postgres://app@h");
        assertThat(userOnly.jdbcUrl()).isEqualTo("jdbc:postgresql://h");
        assertThat(userOnly.user()).hasValue("app");
        assertThat(userOnly.password()).isEmpty();
    }

    @Test
    void refusesOtherUrlsWithoutShowingThePassword() {
        assertThatThrownBy(() -> DatabaseUrl.parse("mysql://app:s3cret@h/billow"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("--db-url must be a PostgreSQL URL")
                .hasMessageNotContaining("s3cret");
        assertThatThrownBy(() -> DatabaseUrl.parse("postgresql://app:s3cret@/billow"))
                .hasMessageContaining("no host")
                .hasMessageNotContaining("s3cret");
    }

    @Test
    void redactsPasswordsInUserInfoAndParameters() {
        assertThat(DatabaseUrl.redact("postgresql://app:s3cret@h:5432/db?password=x&ssl=true"))
                .isEqualTo("postgresql://app:***@h:5432/db?password=***&ssl=true");
    }

    @Test
    void severalHostsAlwaysReachThePrimary() {
        DatabaseUrl url = DatabaseUrl.parse("jdbc:postgresql://db1:5432,db2:5433/billow?user=app&password=s3cret");
        assertThat(url.jdbcUrl()).isEqualTo("jdbc:postgresql://db1:5432,db2:5433/billow?user=app&password=s3cret"
                + "&targetServerType=primary&hostRecheckSeconds=2");
        assertThat(url.toString()).doesNotContain("s3cret");
        assertThat(DatabaseUrl.parse("postgresql://app:pw@db1,db2/billow").jdbcUrl())
                .isEqualTo("jdbc:postgresql://db1,db2/billow?targetServerType=primary&hostRecheckSeconds=2");
        assertThat(DatabaseUrl.parse("jdbc:postgresql://db1,db2/billow?").jdbcUrl())
                .isEqualTo("jdbc:postgresql://db1,db2/billow?targetServerType=primary&hostRecheckSeconds=2");
    }

    @Test
    void severalHostsKeepWhatTheUserChose() {
        assertThat(DatabaseUrl.parse("jdbc:postgresql://db1,db2/billow?targetServerType=preferPrimary&hostRecheckSeconds=30").jdbcUrl())
                .isEqualTo("jdbc:postgresql://db1,db2/billow?targetServerType=preferPrimary&hostRecheckSeconds=30");
        assertThat(DatabaseUrl.parse("jdbc:postgresql://db1,db2/billow?ssl=true&targetServerType=master").jdbcUrl())
                .isEqualTo("jdbc:postgresql://db1,db2/billow?ssl=true&targetServerType=master&hostRecheckSeconds=2");
    }

    @Test
    void oneHostIsLeftAsGiven() {
        assertThat(DatabaseUrl.parse("jdbc:postgresql://db1:5432/billow?user=app").jdbcUrl())
                .isEqualTo("jdbc:postgresql://db1:5432/billow?user=app");
        assertThat(DatabaseUrl.parse("postgresql://app@db1/billow").jdbcUrl()).isEqualTo("jdbc:postgresql://db1/billow");
    }
}
