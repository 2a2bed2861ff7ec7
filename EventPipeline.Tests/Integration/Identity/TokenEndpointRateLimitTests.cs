using System.Net;
using System.Net.Http.Json;
using EventPipeline.Tests.Infrastructure;

namespace EventPipeline.Tests.Integration.Identity;

/// <summary>Failed token requests are limited per source: guesses spread over many client ids still meet the cut-off.</summary>
[Trait(TestCategories.Cost, TestCategories.Integration)]
[Collection(SharedApi.Name)]
public sealed class TokenEndpointRateLimitTests(ApiFactory api)
{
    private const int Burst = ApiFactory.TokenEndpointBurst;

    [Fact]
    public async Task ASecretGuessingBurstFromOneAddressIsCutOffWith429()
    {
        var secret = await api.CreateClientWithOwnAddress().RegisterClientAsync("rl-burst", "events:write");
        var http = api.CreateClientWithOwnAddress();
        var statuses = new List<HttpStatusCode>();
        for (var guess = 0; guess < Burst + 5; guess++)
        {
            using var response = await http.RequestTokenAsync($"rl-burst-guess-{guess}", "guess");
            statuses.Add(response.StatusCode);
        }

        Assert.All(statuses.Take(Burst), status => Assert.Equal(HttpStatusCode.Unauthorized, status));
        Assert.All(statuses.Skip(Burst), status => Assert.Equal(HttpStatusCode.TooManyRequests, status));
        using var rightSecret = await http.RequestTokenAsync("rl-burst", secret);
        await rightSecret.AssertProblemAsync(HttpStatusCode.TooManyRequests);
        Assert.True(rightSecret.Headers.RetryAfter?.Delta > TimeSpan.Zero);
    }

    [Fact]
    public async Task TheLoginEndpointSharesTheLimit()
    {
        var secret = await api.CreateClientWithOwnAddress().RegisterClientAsync("rl-login", "events:write");
        var http = api.CreateClientWithOwnAddress();
        for (var guess = 0; guess < Burst; guess++)
        {
            using var response = await http.RequestTokenAsync($"rl-login-guess-{guess}", "guess");
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        }

        using var login = await http.PostAsJsonAsync("/auth/login", new { client_id = "rl-login", client_secret = secret });

        await login.AssertProblemAsync(HttpStatusCode.TooManyRequests);
    }

    [Fact]
    public async Task AnotherAddressIsNotSlowedByTheBurst()
    {
        var secret = await api.CreateClientWithOwnAddress().RegisterClientAsync("rl-bystander", "events:write");
        var attacker = api.CreateClientWithOwnAddress();
        for (var guess = 0; guess < Burst + 1; guess++)
        {
            using var response = await attacker.RequestTokenAsync($"rl-bystander-guess-{guess}", "guess");
        }

        using var bystander = await api.CreateClientWithOwnAddress().RequestTokenAsync("rl-bystander", secret);

        Assert.Equal(HttpStatusCode.OK, bystander.StatusCode);
    }
}
