using System.Net;
using System.Net.Http.Json;
using EventPipeline.Tests.Infrastructure;

namespace EventPipeline.Tests.Integration.Identity;

[Trait(TestCategories.Cost, TestCategories.Integration)]
[Collection(SharedApi.Name)]
public sealed class TokenEndpointRateLimitTests(ApiFactory api)
{
    private const int Burst = ApiFactory.TokenEndpointBurst;

    [Fact]
    public async Task ASecretGuessingBurstFromOneAddressIsCutOffWith429()
    {
        var http = api.CreateClientWithOwnAddress();
        var statuses = new List<HttpStatusCode>();
        for (var guess = 0; guess < Burst + 5; guess++)
        {
            using var response = await http.RequestTokenAsync("test-123", $"guess-{guess}");
            statuses.Add(response.StatusCode);
        }

        Assert.All(statuses.Take(Burst), status => Assert.Equal(HttpStatusCode.Unauthorized, status));
        Assert.All(statuses.Skip(Burst), status => Assert.Equal(HttpStatusCode.TooManyRequests, status));
        using var rightSecret = await http.RequestTokenAsync("test-123", ApiFactory.DemoSecret);
        await rightSecret.AssertProblemAsync(HttpStatusCode.TooManyRequests);
        Assert.True(rightSecret.Headers.RetryAfter?.Delta > TimeSpan.Zero);
    }

    [Fact]
    public async Task TheLoginEndpointSharesTheLimit()
    {
        var http = api.CreateClientWithOwnAddress();
        for (var guess = 0; guess < Burst; guess++)
        {
            using var response = await http.RequestTokenAsync("test-123", $"guess-{guess}");
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        }

        using var login = await http.PostAsJsonAsync("/auth/login", new { client_id = "test-123", client_secret = ApiFactory.DemoSecret });

        await login.AssertProblemAsync(HttpStatusCode.TooManyRequests);
    }

    [Fact]
    public async Task AnotherAddressIsNotSlowedByTheBurst()
    {
        var attacker = api.CreateClientWithOwnAddress();
        for (var guess = 0; guess < Burst + 1; guess++)
        {
            using var response = await attacker.RequestTokenAsync("test-123", $"guess-{guess}");
        }

        using var bystander = await api.CreateClientWithOwnAddress().RequestTokenAsync("test-123", ApiFactory.DemoSecret);

        Assert.Equal(HttpStatusCode.OK, bystander.StatusCode);
    }
}
