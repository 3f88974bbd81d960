// Queries the live API through Apollo Client's InMemoryCache the way an app does (the same
// pages in English, then Japanese, a fallback and a preview), then reads every query back from
// the cache. Normalisation merges objects that share __typename and id: if an id were shared by
// a page's languages, its fallback copy or its draft, a query read back would hold another
// answer's fields. Prints one JSON object for tests/graphql_api/test_apollo_client.py:
// {"answers": [...], "cached": [...], "entries": {...}}.
import { readFileSync } from "node:fs";
import { ApolloClient, HttpLink, InMemoryCache, gql } from "@apollo/client";

const [url, requestsFile, possibleTypesFile] = process.argv.slice(2);
const requests = JSON.parse(readFileSync(requestsFile, "utf8"));
const { possibleTypes } = JSON.parse(readFileSync(possibleTypesFile, "utf8"));

const PAGE = gql`
  query CachedPage($path: String, $locale: Locale, $previewToken: String) {
    page(path: $path, locale: $locale, previewToken: $previewToken) {
      id
      title
      locale
      isFallback
      translations { id locale title }
      ... on ChapterPage {
        founded { display }
        coordinators { id roleLabel person { id name } }
        socialLinks { id platform url }
        body { ...Blocks }
      }
    }
  }

  fragment Blocks on BodyBlock {
    __typename
    ... on Block { id }
    ... on ParagraphBlock { html }
    ... on HeadingBlock { text }
  }
`;

const client = new ApolloClient({
  link: new HttpLink({ uri: url }),
  cache: new InMemoryCache({ possibleTypes }),
});

const answers = [];
for (const variables of requests) {
  const { data } = await client.query({ query: PAGE, variables, fetchPolicy: "network-only" });
  answers.push(data);
}
// After every answer is in the cache: each query as the cache now answers it.
const cached = requests.map((variables) => client.readQuery({ query: PAGE, variables }));
console.log(JSON.stringify({ answers, cached, entries: client.cache.extract() }));
