namespace PppTui.Core.Tests.PppConfig;

public class SecretsFileTests
{
    private const string Chap =
        "# Secrets for authentication using CHAP\n" +
        "# client\tserver\tsecret\t\t\tIP addresses\n" +
        "alice\tPPTP\t\"s3cret\"\t*\n" +
        "\n" +
        "\"DOMAIN\\\\bob\" * 'pa ss' 10.0.0.2 -- ms-dns 10.0.0.1\n" +
        "#old * oldpass *\n" +
        "carol vpn hunter2 # carol's line\n";

    [Fact]
    public void Records_are_read_with_quotes_escapes_addresses_and_options()
    {
        var file = SecretsFile.Parse(Chap);
        Assert.Equal(
            [("alice", "PPTP", "s3cret"), ("DOMAIN\\bob", "*", "pa ss"), ("carol", "vpn", "hunter2")],
            file.Records.Select(r => (r.Client, r.Server, r.Secret)));
        Assert.Equal(["*"], file.Records[0].Addresses);
        Assert.Equal(["10.0.0.2"], file.Records[1].Addresses);
        Assert.Equal(["ms-dns", "10.0.0.1"], file.Records[1].Options);
        Assert.Equal([3, 5, 7], file.Records.Select(r => r.Line));
        Assert.Empty(file.Problems);
    }

    [Fact]
    public void Lines_with_fewer_than_three_words_are_not_records()
    {
        var file = SecretsFile.Parse("alice *\nbob * pw\nlonely\n");
        Assert.Equal(["bob"], file.Records.Select(r => r.Client));
        Assert.Equal([1, 3], file.Problems.Select(p => p.Line));
    }

    [Fact]
    public void A_backslash_continuation_keeps_the_next_line_in_the_same_record()
    {
        var file = SecretsFile.Parse("alice * \\\n pw 10.0.0.1\n");
        var record = Assert.Single(file.Records);
        Assert.Equal("pw", record.Secret);
        Assert.Equal(["10.0.0.1"], record.Addresses);
    }

    [Fact]
    public void A_crlf_file_is_read_like_an_lf_file()
    {
        var file = SecretsFile.Parse("alice\t*\t\"pw\"\t*\r\nbob\t*\tpw2\r\n");
        Assert.Equal([("alice", "pw"), ("bob", "pw2")], file.Records.Select(r => (r.Client, r.Secret)));
        Assert.Equal(["*"], file.Records[0].Addresses);
    }

    [Fact]
    public void Find_matches_exact_words_only()
    {
        var file = SecretsFile.Parse(Chap);
        Assert.Equal("pa ss", file.Find("DOMAIN\\bob", "*")!.Secret);
        Assert.Null(file.Find("DOMAIN\\bob", "vpn"));
        Assert.Null(file.Find("old", "*"));
    }

    [Fact]
    public void Best_match_prefers_exact_client_over_exact_server_and_the_first_line_on_a_tie()
    {
        var file = SecretsFile.Parse(
            "* * any-any\n" +
            "* vpn any-vpn\n" +
            "alice * alice-any\n" +
            "alice * alice-any-again\n" +
            "alice vpn alice-vpn\n" +
            "\"*x\" vpn not-a-wildcard\n");
        Assert.Equal("alice-vpn", file.BestMatch("alice", "vpn")!.Secret);
        Assert.Equal("alice-any", file.BestMatch("alice", "other")!.Secret);
        Assert.Equal("any-vpn", file.BestMatch("bob", "vpn")!.Secret);
        Assert.Equal("any-any", file.BestMatch("bob", "other")!.Secret);
        Assert.Equal("not-a-wildcard", file.BestMatch("*x", "vpn")!.Secret);
        Assert.Equal("alice-vpn", file.BestMatch("alice", null)!.Secret);
    }

    [Fact]
    public void Best_match_finds_nothing_without_a_matching_line()
    {
        var file = SecretsFile.Parse("alice vpn pw\n");
        Assert.Null(file.BestMatch("bob", "vpn"));
        Assert.Null(file.BestMatch("alice", "other"));
    }

    [Fact]
    public void Setting_an_existing_secret_changes_only_that_word()
    {
        var file = SecretsFile.Parse(Chap);
        file.Set("alice", "PPTP", "new pass");
        Assert.Equal(Chap.Replace("\"s3cret\"", "\"new pass\""), file.Text);

        file.Set("carol", "vpn", "DOMAIN\\x");
        Assert.Equal("DOMAIN\\x", file.Find("carol", "vpn")!.Secret);
        Assert.EndsWith("carol vpn \"DOMAIN\\\\x\" # carol's line\n", file.Text);
    }

    [Fact]
    public void Setting_the_same_secret_changes_nothing()
    {
        var file = SecretsFile.Parse(Chap);
        foreach (var record in file.Records.ToList()) file.Set(record.Client, record.Server, record.Secret);
        file.Set("DOMAIN\\bob", "*", "pa ss", ["10.0.0.2"]);
        Assert.Equal(Chap, file.Text);
    }

    [Fact]
    public void Addresses_are_replaced_added_or_removed_in_place()
    {
        var file = SecretsFile.Parse(Chap);
        file.Set("alice", "PPTP", "s3cret", ["10.0.0.5", "10.0.0.6"]);
        Assert.Contains("alice\tPPTP\t\"s3cret\"\t10.0.0.5 10.0.0.6\n", file.Text);

        file.Set("carol", "vpn", "hunter2", ["*"]);
        Assert.Contains("carol vpn hunter2 * # carol's line\n", file.Text);

        file.Set("DOMAIN\\bob", "*", "pa ss", []);
        Assert.Contains("\"DOMAIN\\\\bob\" * 'pa ss' -- ms-dns 10.0.0.1\n", file.Text);
        Assert.Equal(["ms-dns", "10.0.0.1"], file.Find("DOMAIN\\bob", "*")!.Options);
    }

    [Fact]
    public void A_new_record_is_appended_and_every_other_line_stays_byte_identical()
    {
        var file = SecretsFile.Parse(Chap);
        file.Set("dave", "*", "Пароль 密码", ["*"]);
        Assert.Equal(Chap + "dave * \"Пароль 密码\" *\n", file.Text);
        Assert.Equal("Пароль 密码", file.Find("dave", "*")!.Secret);
    }

    [Theory]
    [InlineData("A new record follows tab-separated columns", "alice\t*\tpw\n", "bob", "pw2", "*", "alice\t*\tpw\nbob\t*\tpw2\t*\n")]
    [InlineData("A new record in a CRLF file without final newline follows its style", "alice * pw *\r\nbob * pw2", "carol", "pw3", null, "alice * pw *\r\nbob * pw2\r\ncarol * pw3")]
    [InlineData("An empty secret is written so pppd still sees it", "alice * pw", "bob", "", null, "alice * pw\nbob * \"\"\n")]
    [InlineData("An empty secret in place is written so pppd still sees it", "alice * pw", "alice", "", null, "alice * \"\"\n")]
    public void Setting_a_record_for_any_server_writes_it_as_pppd_reads_it_back(string rule, string before, string client, string secret, string? address, string after)
    {
        var file = SecretsFile.Parse(before);
        if (address is null) file.Set(client, "*", secret);
        else file.Set(client, "*", secret, [address]);
        // The case's sentence stands in the failure next to the texts.
        Assert.Equal((rule, after), (rule, file.Text));
        Assert.Equal(secret, file.Find(client, "*")!.Secret);
    }

    [Fact]
    public void Wildcards_are_written_bare()
    {
        var file = SecretsFile.Parse("");
        file.Set("*", "*", "shared", ["*"]);
        Assert.Equal("* * shared *\n", file.Text);
        Assert.Equal("shared", file.BestMatch("anyone", "anything")!.Secret);
    }

    [Fact]
    public void Removing_a_record_drops_only_its_line()
    {
        var file = SecretsFile.Parse(Chap);
        Assert.True(file.Remove("alice", "PPTP"));
        Assert.Equal(Chap.Replace("alice\tPPTP\t\"s3cret\"\t*\n", ""), file.Text);
        Assert.True(file.Remove("carol", "vpn"));
        Assert.Equal(Chap.Replace("alice\tPPTP\t\"s3cret\"\t*\n", "").Replace("carol vpn hunter2 # carol's line\n", ""), file.Text);
        Assert.False(file.Remove("nobody", "*"));
    }

    [Theory]
    [InlineData("Removing the last record of a CRLF file without final newline keeps it that way", "alice * pw\r\nbob * pw2", "bob", "alice * pw")]
    [InlineData("Removing removes duplicate records too", "a * 1\nb * 2\na * 3\n", "a", "b * 2\n")]
    public void Removing_a_client_for_any_server_takes_its_lines_and_keeps_the_files_style(string rule, string before, string client, string after)
    {
        var file = SecretsFile.Parse(before);
        Assert.True(file.Remove(client, "*"));
        Assert.Equal((rule, after), (rule, file.Text));
        Assert.Null(file.Find(client, "*"));
    }

    [Fact]
    public void The_masked_text_hides_every_secret_and_keeps_the_layout()
    {
        var file = SecretsFile.Parse(Chap);
        var masked = file.MaskedText();
        Assert.Equal(
            "# Secrets for authentication using CHAP\n" +
            "# client\tserver\tsecret\t\t\tIP addresses\n" +
            "alice\tPPTP\t********\t*\n" +
            "\n" +
            "\"DOMAIN\\\\bob\" * ******** 10.0.0.2 -- ms-dns 10.0.0.1\n" +
            "#old * ******** *\n" +
            "carol vpn ******** # carol's line\n",
            masked);
        Assert.Equal(Chap, file.Text);
    }

    [Fact]
    public void Prose_comments_are_not_masked()
    {
        const string text =
            "# Every regular user can use PPP and has to use passwords from /etc/passwd\n" +
            "# remove the following line.\n" +
            "#USERNAME  PROVIDER  PASSWORD  IPADDRESS\n";
        Assert.Equal(text, SecretsFile.Parse(text).MaskedText());
    }

    [Fact]
    public void A_record_prints_without_its_secret()
    {
        var record = SecretsFile.Parse("alice * hunter2 *\n").Records[0];
        Assert.DoesNotContain("hunter2", record.ToString());
        Assert.Contains("alice", record.ToString());
    }

    [Fact]
    public void Secrets_and_names_pppd_cannot_use_are_refused_without_echoing_them()
    {
        var file = SecretsFile.Parse("");
        var tooLong = new string('s', 257);
        var error = Assert.Throws<ArgumentException>(() => file.Set("alice", "*", tooLong));
        Assert.Contains("256", error.Message);
        Assert.DoesNotContain(tooLong, error.Message);
        Assert.Throws<ArgumentException>(() => file.Set("alice", "*", "pw\0"));
        Assert.Throws<ArgumentException>(() => file.Set(new string('n', 256), "*", "pw"));
        Assert.Throws<ArgumentException>(() => file.Set("alice", "*", "pw", ["--"]));
        Assert.Throws<ArgumentException>(() => file.Set("alice", "*", "pw", [""]));
        Assert.Equal("", file.Text);
        file.Set("alice", "*", new string('s', 256));
        Assert.Equal(256, file.Find("alice", "*")!.Secret.Length);
    }

    [Fact]
    public void A_secret_read_from_a_file_is_recognised()
    {
        var record = SecretsFile.Parse("alice * @/etc/ppp/alice.secret\n").Records[0];
        Assert.True(record.SecretIsFileReference);
    }
}
