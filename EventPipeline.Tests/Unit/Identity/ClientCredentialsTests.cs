using System.Text;
using EventPipeline.Api.Identity;
using EventPipeline.Tests.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;

namespace EventPipeline.Tests.Unit.Identity;

[Trait(TestCategories.Cost, TestCategories.Unit)]
public sealed class ClientCredentialsTests
{
    private static readonly FormCollection s_emptyForm = new(new Dictionary<string, StringValues>());

    private static string Basic(string value) => "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes(value));

    [Fact]
    public void BasicCredentialsAreFormDecodedAsRfc6749Asks()
    {
        var (credentials, error) = ClientCredentials.Read(Basic("my%20client:p%3Ass+word"), s_emptyForm);

        Assert.Null(error);
        Assert.Equal(new ClientCredentials("my client", "p:ss word", FromBasicHeader: true), credentials);
    }

    [Fact]
    public void BodyCredentialsAreReadWhenThereIsNoHeader()
    {
        var form = new FormCollection(new Dictionary<string, StringValues> { ["client_id"] = "c1", ["client_secret"] = "s1" });

        var (credentials, error) = ClientCredentials.Read(null, form);

        Assert.Null(error);
        Assert.Equal(new ClientCredentials("c1", "s1", FromBasicHeader: false), credentials);
    }

    [Fact]
    public void NoCredentialsAtAllIsNeitherCredentialsNorAnError()
    {
        Assert.Equal((null, null), ClientCredentials.Read(null, s_emptyForm));
    }

    [Theory]
    [InlineData("Bearer abc")]
    [InlineData("Basic !!!notbase64")]
    [InlineData("Basic")]
    public void AMalformedAuthorizationHeaderIsAnError(string header)
    {
        var (credentials, error) = ClientCredentials.Read(header, s_emptyForm);

        Assert.Null(credentials);
        Assert.NotNull(error);
    }

    [Fact]
    public void BasicCredentialsWithoutAColonAreAnError()
    {
        Assert.NotNull(ClientCredentials.Read(Basic("no-colon-here"), s_emptyForm).Error);
    }
}
