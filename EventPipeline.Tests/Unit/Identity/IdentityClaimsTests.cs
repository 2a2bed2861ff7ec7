using System.Security.Claims;
using EventPipeline.Api.Identity;
using EventPipeline.Tests.Infrastructure;

namespace EventPipeline.Tests.Unit.Identity;

[Trait(TestCategories.Cost, TestCategories.Unit)]
public sealed class IdentityClaimsTests
{
    [Theory]
    [InlineData("events:write", "events:write", true)]
    [InlineData("events:read events:write", "events:write", true)]
    [InlineData("  events:read   events:write ", "events:write", true)]
    [InlineData("events:read", "events:write", false)]
    [InlineData("events:writer", "events:write", false)]
    [InlineData("events:write", "events:writ", false)]
    [InlineData("EVENTS:WRITE", "events:write", false)]
    [InlineData("", "events:write", false)]
    [InlineData("events:write", "", false)]
    [InlineData("  ", "", false)]
    public void AScopeIsHeldOnlyWhenAScopeClaimListsItExactly(string granted, string asked, bool held)
    {
        var user = new ClaimsPrincipal(new ClaimsIdentity([new Claim(IdentityClaims.Scope, granted)], "test"));

        Assert.Equal(held, user.HasScope(asked));
        Assert.Equal(user.GetScopes().Contains(asked, StringComparer.Ordinal), user.HasScope(asked));
    }

    [Fact]
    public void ScopesFromSeveralClaimsAndIdentitiesAllCount()
    {
        var user = new ClaimsPrincipal([
            new ClaimsIdentity([new Claim(IdentityClaims.Scope, "events:read")], "first"),
            new ClaimsIdentity([new Claim("other", "admin"), new Claim(IdentityClaims.Scope, "admin events:write")], "second"),
        ]);

        Assert.True(user.HasScope("events:read"));
        Assert.True(user.HasScope("admin"));
        Assert.True(user.HasScope("events:write"));
        Assert.False(user.HasScope("other"));
    }
}
