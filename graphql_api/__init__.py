"""The GraphQL API (Strawberry). Its schema arrives with the read-API issue; see DESIGN.md."""
