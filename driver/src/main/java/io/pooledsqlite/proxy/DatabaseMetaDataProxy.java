package io.pooledsqlite.proxy;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.RowIdLifetime;
import java.sql.SQLException;

/**
 * Database metadata that answers as SQLite (product name, URL {@code jdbc:sqlite:…}), so frameworks
 * recognise the database, while {@link #getConnection()} and every result set stay wrapped.
 */
final class DatabaseMetaDataProxy implements DatabaseMetaData {
    private final ConnectionProxy connection;
    private final DatabaseMetaData delegate;

    DatabaseMetaDataProxy(ConnectionProxy connection, DatabaseMetaData delegate) {
        this.connection = connection;
        this.delegate = delegate;
    }

    private void checkOpen() throws SQLException {
        connection.checkOpen();
    }

    private ResultSet track(ResultSet rs) {
        return connection.trackMetaData(rs);
    }

    private SQLException fail(SQLException e) {
        return connection.fail(e);
    }

    @Override
    public Connection getConnection() throws SQLException {
        checkOpen();
        return connection.face();
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
        if (iface.isInstance(this)) {
            return iface.cast(this);
        }
        connection.physicalObjectEscaped();
        if (iface.isInstance(delegate)) {
            return iface.cast(delegate);
        }
        return delegate.unwrap(iface);
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) throws SQLException {
        return iface.isInstance(this) || iface.isInstance(delegate) || delegate.isWrapperFor(iface);
    }

    // ---------------------------------------------------------------- plain delegation, errors translated

    @Override
    public boolean allProceduresAreCallable() throws SQLException {
        try {
            checkOpen();
            return delegate.allProceduresAreCallable();
        } catch (SQLException e) {
            throw fail(e);
        }
    }

    @Override
    public boolean allTablesAreSelectable() throws SQLException {
        try {
            checkOpen();
            return delegate.allTablesAreSelectable();
        } catch (SQLException e) {
            throw fail(e);
        }
    }

    @Override
    public boolean autoCommitFailureClosesAllResultSets() throws SQLException {
        try {
            checkOpen();
            return delegate.autoCommitFailureClosesAllResultSets();
        } catch (SQLException e) {
            throw fail(e);
        }
    }

    @Override
    public boolean dataDefinitionCausesTransactionCommit() throws SQLException {
        try {
            checkOpen();
            return delegate.dataDefinitionCausesTransactionCommit();
        } catch (SQLException e) {
            throw fail(e);
        }
    }

    @Override
    public boolean dataDefinitionIgnoredInTransactions() throws SQLException {
        try {
            checkOpen();
            return delegate.dataDefinitionIgnoredInTransactions();
        } catch (SQLException e) {
            throw fail(e);
        }
    }

    @Override
    public boolean deletesAreDetected(int type) throws SQLException {
        try {
            checkOpen();
            return delegate.deletesAreDetected(type);
        } catch (SQLException e) {
            throw fail(e);
        }
    }

    @Override
    public boolean doesMaxRowSizeIncludeBlobs() throws SQLException {
        try {
            checkOpen();
            return delegate.doesMaxRowSizeIncludeBlobs();
        } catch (SQLException e) {
            throw fail(e);
        }
    }

    @Override
    public boolean generatedKeyAlwaysReturned() throws SQLException {
        try {
            checkOpen();
            return delegate.generatedKeyAlwaysReturned();
        } catch (SQLException e) {
            throw fail(e);
        }
    }

    @Override
    public ResultSet getAttributes(String catalog, String schemaPattern, String typeNamePattern, String attributeNamePattern) throws SQLException {
        try {
            checkOpen();
            return track(delegate.getAttributes(catalog, schemaPattern, typeNamePattern, attributeNamePattern));
        } catch (SQLException e) {
            throw fail(e);
        }
    }

    @Override
    public ResultSet getBestRowIdentifier(String catalog, String schema, String table, int scope, boolean nullable) throws SQLException {
        try {
            checkOpen();
            return track(delegate.getBestRowIdentifier(catalog, schema, table, scope, nullable));
        } catch (SQLException e) {
            throw fail(e);
        }
    }

    @Override
    public String getCatalogSeparator() throws SQLException {
        try {
            checkOpen();
            return delegate.getCatalogSeparator();
        } catch (SQLException e) {
            throw fail(e);
        }
    }

    @Override
    public String getCatalogTerm() throws SQLException {
        try {
            checkOpen();
            return delegate.getCatalogTerm();
        } catch (SQLException e) {
            throw fail(e);
        }
    }

    @Override
    public ResultSet getCatalogs() throws SQLException {
        try {
            checkOpen();
            return track(delegate.getCatalogs());
        } catch (SQLException e) {
            throw fail(e);
        }
    }

    @Override
    public ResultSet getClientInfoProperties() throws SQLException {
        try {
            checkOpen();
            return track(delegate.getClientInfoProperties());
        } catch (SQLException e) {
            throw fail(e);
        }
    }

    @Override
    public ResultSet getColumnPrivileges(String catalog, String schema, String table, String columnNamePattern) throws SQLException {
        try {
            checkOpen();
            return track(delegate.getColumnPrivileges(catalog, schema, table, columnNamePattern));
        } catch (SQLException e) {
            throw fail(e);
        }
    }

    @Override
    public ResultSet getColumns(String catalog, String schemaPattern, String tableNamePattern, String columnNamePattern) throws SQLException {
        try {
            checkOpen();
            return track(delegate.getColumns(catalog, schemaPattern, tableNamePattern, columnNamePattern));
        } catch (SQLException e) {
            throw fail(e);
        }
    }

    @Override
    public ResultSet getCrossReference(String parentCatalog, String parentSchema, String parentTable, String foreignCatalog, String foreignSchema, String foreignTable) throws SQLException {
        try {
            checkOpen();
            return track(delegate.getCrossReference(parentCatalog, parentSchema, parentTable, foreignCatalog, foreignSchema, foreignTable));
        } catch (SQLException e) {
            throw fail(e);
        }
    }

    @Override
    public int getDatabaseMajorVersion() throws SQLException {
        try {
            checkOpen();
            return delegate.getDatabaseMajorVersion();
        } catch (SQLException e) {
            throw fail(e);
        }
    }

    @Override
    public int getDatabaseMinorVersion() throws SQLException {
        try {
            checkOpen();
            return delegate.getDatabaseMinorVersion();
        } catch (SQLException e) {
            throw fail(e);
        }
    }

    @Override
    public String getDatabaseProductName() throws SQLException {
        try {
            checkOpen();
            return delegate.getDatabaseProductName();
        } catch (SQLException e) {
            throw fail(e);
        }
    }

    @Override
    public String getDatabaseProductVersion() throws SQLException {
        try {
            checkOpen();
            return delegate.getDatabaseProductVersion();
        } catch (SQLException e) {
            throw fail(e);
        }
    }

    @Override
    public int getDefaultTransactionIsolation() throws SQLException {
        try {
            checkOpen();
            return delegate.getDefaultTransactionIsolation();
        } catch (SQLException e) {
            throw fail(e);
        }
    }

    @Override
    public int getDriverMajorVersion() {
        return delegate.getDriverMajorVersion();
    }

    @Override
    public int getDriverMinorVersion() {
        return delegate.getDriverMinorVersion();
    }

    @Override
    public String getDriverName() throws SQLException {
        try {
            checkOpen();
            return delegate.getDriverName();
        } catch (SQLException e) {
            throw fail(e);
        }
    }

    @Override
    public String getDriverVersion() throws SQLException {
        try {
            checkOpen();
            return delegate.getDriverVersion();
        } catch (SQLException e) {
            throw fail(e);
        }
    }

    @Override
    public ResultSet getExportedKeys(String catalog, String schema, String table) throws SQLException {
        try {
            checkOpen();
            return track(delegate.getExportedKeys(catalog, schema, table));
        } catch (SQLException e) {
            throw fail(e);
        }
    }

    @Override
    public String getExtraNameCharacters() throws SQLException {
        try {
            checkOpen();
            return delegate.getExtraNameCharacters();
        } catch (SQLException e) {
            throw fail(e);
        }
    }

    @Override
    public ResultSet getFunctionColumns(String catalog, String schemaPattern, String functionNamePattern, String columnNamePattern) throws SQLException {
        try {
            checkOpen();
            return track(delegate.getFunctionColumns(catalog, schemaPattern, functionNamePattern, columnNamePattern));
        } catch (SQLException e) {
            throw fail(e);
        }
    }

    @Override
    public ResultSet getFunctions(String catalog, String schemaPattern, String functionNamePattern) throws SQLException {
        try {
            checkOpen();
            return track(delegate.getFunctions(catalog, schemaPattern, functionNamePattern));
        } catch (SQLException e) {
            throw fail(e);
        }
    }

    @Override
    public String getIdentifierQuoteString() throws SQLException {
        try {
            checkOpen();
            return delegate.getIdentifierQuoteString();
        } catch (SQLException e) {
            throw fail(e);
        }
    }

    @Override
    public ResultSet getImportedKeys(String catalog, String schema, String table) throws SQLException {
        try {
            checkOpen();
            return track(delegate.getImportedKeys(catalog, schema, table));
        } catch (SQLException e) {
            throw fail(e);
        }
    }

    @Override
    public ResultSet getIndexInfo(String catalog, String schema, String table, boolean unique, boolean approximate) throws SQLException {
        try {
            checkOpen();
            return track(delegate.getIndexInfo(catalog, schema, table, unique, approximate));
        } catch (SQLException e) {
            throw fail(e);
        }
    }

    @Override
    public int getJDBCMajorVersion() throws SQLException {
        try {
            checkOpen();
            return delegate.getJDBCMajorVersion();
        } catch (SQLException e) {
            throw fail(e);
        }
    }

    @Override
    public int getJDBCMinorVersion() throws SQLException {
        try {
            checkOpen();
            return delegate.getJDBCMinorVersion();
        } catch (SQLException e) {
            throw fail(e);
        }
    }

    @Override
    public int getMaxBinaryLiteralLength() throws SQLException {
        try {
            checkOpen();
            return delegate.getMaxBinaryLiteralLength();
        } catch (SQLException e) {
            throw fail(e);
        }
    }

    @Override
    public int getMaxCatalogNameLength() throws SQLException {
        try {
            checkOpen();
            return delegate.getMaxCatalogNameLength();
        } catch (SQLException e) {
            throw fail(e);
        }
    }

    @Override
    public int getMaxCharLiteralLength() throws SQLException {
        try {
            checkOpen();
            return delegate.getMaxCharLiteralLength();
        } catch (SQLException e) {
            throw fail(e);
        }
    }

    @Override
    public int getMaxColumnNameLength() throws SQLException {
        try {
            checkOpen();
            return delegate.getMaxColumnNameLength();
        } catch (SQLException e) {
            throw fail(e);
        }
    }

    @Override
    public int getMaxColumnsInGroupBy() throws SQLException {
        try {
            checkOpen();
            return delegate.getMaxColumnsInGroupBy();
        } catch (SQLException e) {
            throw fail(e);
        }
    }

    @Override
    public int getMaxColumnsInIndex() throws SQLException {
        try {
            checkOpen();
            return delegate.getMaxColumnsInIndex();
        } catch (SQLException e) {
            throw fail(e);
        }
    }

    @Override
    public int getMaxColumnsInOrderBy() throws SQLException {
        try {
            checkOpen();
            return delegate.getMaxColumnsInOrderBy();
        } catch (SQLException e) {
            throw fail(e);
        }
    }

    @Override
    public int getMaxColumnsInSelect() throws SQLException {
        try {
            checkOpen();
            return delegate.getMaxColumnsInSelect();
        } catch (SQLException e) {
            throw fail(e);
        }
    }

    @Override
    public int getMaxColumnsInTable() throws SQLException {
        try {
            checkOpen();
            return delegate.getMaxColumnsInTable();
        } catch (SQLException e) {
            throw fail(e);
        }
    }

    @Override
    public int getMaxConnections() throws SQLException {
        try {
            checkOpen();
            return delegate.getMaxConnections();
        } catch (SQLException e) {
            throw fail(e);
        }
    }

    @Override
    public int getMaxCursorNameLength() throws SQLException {
        try {
            checkOpen();
            return delegate.getMaxCursorNameLength();
        } catch (SQLException e) {
            throw fail(e);
        }
    }

    @Override
    public int getMaxIndexLength() throws SQLException {
        try {
            checkOpen();
            return delegate.getMaxIndexLength();
        } catch (SQLException e) {
            throw fail(e);
        }
    }

    @Override
    public long getMaxLogicalLobSize() throws SQLException {
        try {
            checkOpen();
            return delegate.getMaxLogicalLobSize();
        } catch (SQLException e) {
            throw fail(e);
        }
    }

    @Override
    public int getMaxProcedureNameLength() throws SQLException {
        try {
            checkOpen();
            return delegate.getMaxProcedureNameLength();
        } catch (SQLException e) {
            throw fail(e);
        }
    }

    @Override
    public int getMaxRowSize() throws SQLException {
        try {
            checkOpen();
            return delegate.getMaxRowSize();
        } catch (SQLException e) {
            throw fail(e);
        }
    }

    @Override
    public int getMaxSchemaNameLength() throws SQLException {
        try {
            checkOpen();
            return delegate.getMaxSchemaNameLength();
        } catch (SQLException e) {
            throw fail(e);
        }
    }

    @Override
    public int getMaxStatementLength() throws SQLException {
        try {
            checkOpen();
            return delegate.getMaxStatementLength();
        } catch (SQLException e) {
            throw fail(e);
        }
    }

    @Override
    public int getMaxStatements() throws SQLException {
        try {
            checkOpen();
            return delegate.getMaxStatements();
        } catch (SQLException e) {
            throw fail(e);
        }
    }

    @Override
    public int getMaxTableNameLength() throws SQLException {
        try {
            checkOpen();
            return delegate.getMaxTableNameLength();
        } catch (SQLException e) {
            throw fail(e);
        }
    }

    @Override
    public int getMaxTablesInSelect() throws SQLException {
        try {
            checkOpen();
            return delegate.getMaxTablesInSelect();
        } catch (SQLException e) {
            throw fail(e);
        }
    }

    @Override
    public int getMaxUserNameLength() throws SQLException {
        try {
            checkOpen();
            return delegate.getMaxUserNameLength();
        } catch (SQLException e) {
            throw fail(e);
        }
    }

    @Override
    public String getNumericFunctions() throws SQLException {
        try {
            checkOpen();
            return delegate.getNumericFunctions();
        } catch (SQLException e) {
            throw fail(e);
        }
    }

    @Override
    public ResultSet getPrimaryKeys(String catalog, String schema, String table) throws SQLException {
        try {
            checkOpen();
            return track(delegate.getPrimaryKeys(catalog, schema, table));
        } catch (SQLException e) {
            throw fail(e);
        }
    }

    @Override
    public ResultSet getProcedureColumns(String catalog, String schemaPattern, String procedureNamePattern, String columnNamePattern) throws SQLException {
        try {
            checkOpen();
            return track(delegate.getProcedureColumns(catalog, schemaPattern, procedureNamePattern, columnNamePattern));
        } catch (SQLException e) {
            throw fail(e);
        }
    }

    @Override
    public String getProcedureTerm() throws SQLException {
        try {
            checkOpen();
            return delegate.getProcedureTerm();
        } catch (SQLException e) {
            throw fail(e);
        }
    }

    @Override
    public ResultSet getProcedures(String catalog, String schemaPattern, String procedureNamePattern) throws SQLException {
        try {
            checkOpen();
            return track(delegate.getProcedures(catalog, schemaPattern, procedureNamePattern));
        } catch (SQLException e) {
            throw fail(e);
        }
    }

    @Override
    public ResultSet getPseudoColumns(String catalog, String schemaPattern, String tableNamePattern, String columnNamePattern) throws SQLException {
        try {
            checkOpen();
            return track(delegate.getPseudoColumns(catalog, schemaPattern, tableNamePattern, columnNamePattern));
        } catch (SQLException e) {
            throw fail(e);
        }
    }

    @Override
    public int getResultSetHoldability() throws SQLException {
        try {
            checkOpen();
            return delegate.getResultSetHoldability();
        } catch (SQLException e) {
            throw fail(e);
        }
    }

    @Override
    public RowIdLifetime getRowIdLifetime() throws SQLException {
        try {
            checkOpen();
            return delegate.getRowIdLifetime();
        } catch (SQLException e) {
            throw fail(e);
        }
    }

    @Override
    public String getSQLKeywords() throws SQLException {
        try {
            checkOpen();
            return delegate.getSQLKeywords();
        } catch (SQLException e) {
            throw fail(e);
        }
    }

    @Override
    public int getSQLStateType() throws SQLException {
        try {
            checkOpen();
            return delegate.getSQLStateType();
        } catch (SQLException e) {
            throw fail(e);
        }
    }

    @Override
    public String getSchemaTerm() throws SQLException {
        try {
            checkOpen();
            return delegate.getSchemaTerm();
        } catch (SQLException e) {
            throw fail(e);
        }
    }

    @Override
    public ResultSet getSchemas() throws SQLException {
        try {
            checkOpen();
            return track(delegate.getSchemas());
        } catch (SQLException e) {
            throw fail(e);
        }
    }

    @Override
    public ResultSet getSchemas(String catalog, String schemaPattern) throws SQLException {
        try {
            checkOpen();
            return track(delegate.getSchemas(catalog, schemaPattern));
        } catch (SQLException e) {
            throw fail(e);
        }
    }

    @Override
    public String getSearchStringEscape() throws SQLException {
        try {
            checkOpen();
            return delegate.getSearchStringEscape();
        } catch (SQLException e) {
            throw fail(e);
        }
    }

    @Override
    public String getStringFunctions() throws SQLException {
        try {
            checkOpen();
            return delegate.getStringFunctions();
        } catch (SQLException e) {
            throw fail(e);
        }
    }

    @Override
    public ResultSet getSuperTables(String catalog, String schemaPattern, String tableNamePattern) throws SQLException {
        try {
            checkOpen();
            return track(delegate.getSuperTables(catalog, schemaPattern, tableNamePattern));
        } catch (SQLException e) {
            throw fail(e);
        }
    }

    @Override
    public ResultSet getSuperTypes(String catalog, String schemaPattern, String typeNamePattern) throws SQLException {
        try {
            checkOpen();
            return track(delegate.getSuperTypes(catalog, schemaPattern, typeNamePattern));
        } catch (SQLException e) {
            throw fail(e);
        }
    }

    @Override
    public String getSystemFunctions() throws SQLException {
        try {
            checkOpen();
            return delegate.getSystemFunctions();
        } catch (SQLException e) {
            throw fail(e);
        }
    }

    @Override
    public ResultSet getTablePrivileges(String catalog, String schemaPattern, String tableNamePattern) throws SQLException {
        try {
            checkOpen();
            return track(delegate.getTablePrivileges(catalog, schemaPattern, tableNamePattern));
        } catch (SQLException e) {
            throw fail(e);
        }
    }

    @Override
    public ResultSet getTableTypes() throws SQLException {
        try {
            checkOpen();
            return track(delegate.getTableTypes());
        } catch (SQLException e) {
            throw fail(e);
        }
    }

    @Override
    public ResultSet getTables(String catalog, String schemaPattern, String tableNamePattern, String[] types) throws SQLException {
        try {
            checkOpen();
            return track(delegate.getTables(catalog, schemaPattern, tableNamePattern, types));
        } catch (SQLException e) {
            throw fail(e);
        }
    }

    @Override
    public String getTimeDateFunctions() throws SQLException {
        try {
            checkOpen();
            return delegate.getTimeDateFunctions();
        } catch (SQLException e) {
            throw fail(e);
        }
    }

    @Override
    public ResultSet getTypeInfo() throws SQLException {
        try {
            checkOpen();
            return track(delegate.getTypeInfo());
        } catch (SQLException e) {
            throw fail(e);
        }
    }

    @Override
    public ResultSet getUDTs(String catalog, String schemaPattern, String typeNamePattern, int[] types) throws SQLException {
        try {
            checkOpen();
            return track(delegate.getUDTs(catalog, schemaPattern, typeNamePattern, types));
        } catch (SQLException e) {
            throw fail(e);
        }
    }

    @Override
    public String getURL() throws SQLException {
        try {
            checkOpen();
            return delegate.getURL();
        } catch (SQLException e) {
            throw fail(e);
        }
    }

    @Override
    public String getUserName() throws SQLException {
        try {
            checkOpen();
            return delegate.getUserName();
        } catch (SQLException e) {
            throw fail(e);
        }
    }

    @Override
    public ResultSet getVersionColumns(String catalog, String schema, String table) throws SQLException {
        try {
            checkOpen();
            return track(delegate.getVersionColumns(catalog, schema, table));
        } catch (SQLException e) {
            throw fail(e);
        }
    }

    @Override
    public boolean insertsAreDetected(int type) throws SQLException {
        try {
            checkOpen();
            return delegate.insertsAreDetected(type);
        } catch (SQLException e) {
            throw fail(e);
        }
    }

    @Override
    public boolean isCatalogAtStart() throws SQLException {
        try {
            checkOpen();
            return delegate.isCatalogAtStart();
        } catch (SQLException e) {
            throw fail(e);
        }
    }

    @Override
    public boolean isReadOnly() throws SQLException {
        try {
            checkOpen();
            return delegate.isReadOnly();
        } catch (SQLException e) {
            throw fail(e);
        }
    }

    @Override
    public boolean locatorsUpdateCopy() throws SQLException {
        try {
            checkOpen();
            return delegate.locatorsUpdateCopy();
        } catch (SQLException e) {
            throw fail(e);
        }
    }

    @Override
    public boolean nullPlusNonNullIsNull() throws SQLException {
        try {
            checkOpen();
            return delegate.nullPlusNonNullIsNull();
        } catch (SQLException e) {
            throw fail(e);
        }
    }

    @Override
    public boolean nullsAreSortedAtEnd() throws SQLException {
        try {
            checkOpen();
            return delegate.nullsAreSortedAtEnd();
        } catch (SQLException e) {
            throw fail(e);
        }
    }

    @Override
    public boolean nullsAreSortedAtStart() throws SQLException {
        try {
            checkOpen();
            return delegate.nullsAreSortedAtStart();
        } catch (SQLException e) {
            throw fail(e);
        }
    }

    @Override
    public boolean nullsAreSortedHigh() throws SQLException {
        try {
            checkOpen();
            return delegate.nullsAreSortedHigh();
        } catch (SQLException e) {
            throw fail(e);
        }
    }

    @Override
    public boolean nullsAreSortedLow() throws SQLException {
        try {
            checkOpen();
            return delegate.nullsAreSortedLow();
        } catch (SQLException e) {
            throw fail(e);
        }
    }

    @Override
    public boolean othersDeletesAreVisible(int type) throws SQLException {
        try {
            checkOpen();
            return delegate.othersDeletesAreVisible(type);
        } catch (SQLException e) {
            throw fail(e);
        }
    }

    @Override
    public boolean othersInsertsAreVisible(int type) throws SQLException {
        try {
            checkOpen();
            return delegate.othersInsertsAreVisible(type);
        } catch (SQLException e) {
            throw fail(e);
        }
    }

    @Override
    public boolean othersUpdatesAreVisible(int type) throws SQLException {
        try {
            checkOpen();
            return delegate.othersUpdatesAreVisible(type);
        } catch (SQLException e) {
            throw fail(e);
        }
    }

    @Override
    public boolean ownDeletesAreVisible(int type) throws SQLException {
        try {
            checkOpen();
            return delegate.ownDeletesAreVisible(type);
        } catch (SQLException e) {
            throw fail(e);
        }
    }

    @Override
    public boolean ownInsertsAreVisible(int type) throws SQLException {
        try {
            checkOpen();
            return delegate.ownInsertsAreVisible(type);
        } catch (SQLException e) {
            throw fail(e);
        }
    }

    @Override
    public boolean ownUpdatesAreVisible(int type) throws SQLException {
        try {
            checkOpen();
            return delegate.ownUpdatesAreVisible(type);
        } catch (SQLException e) {
            throw fail(e);
        }
    }

    @Override
    public boolean storesLowerCaseIdentifiers() throws SQLException {
        try {
            checkOpen();
            return delegate.storesLowerCaseIdentifiers();
        } catch (SQLException e) {
            throw fail(e);
        }
    }

    @Override
    public boolean storesLowerCaseQuotedIdentifiers() throws SQLException {
        try {
            checkOpen();
            return delegate.storesLowerCaseQuotedIdentifiers();
        } catch (SQLException e) {
            throw fail(e);
        }
    }

    @Override
    public boolean storesMixedCaseIdentifiers() throws SQLException {
        try {
            checkOpen();
            return delegate.storesMixedCaseIdentifiers();
        } catch (SQLException e) {
            throw fail(e);
        }
    }

    @Override
    public boolean storesMixedCaseQuotedIdentifiers() throws SQLException {
        try {
            checkOpen();
            return delegate.storesMixedCaseQuotedIdentifiers();
        } catch (SQLException e) {
            throw fail(e);
        }
    }

    @Override
    public boolean storesUpperCaseIdentifiers() throws SQLException {
        try {
            checkOpen();
            return delegate.storesUpperCaseIdentifiers();
        } catch (SQLException e) {
            throw fail(e);
        }
    }

    @Override
    public boolean storesUpperCaseQuotedIdentifiers() throws SQLException {
        try {
            checkOpen();
            return delegate.storesUpperCaseQuotedIdentifiers();
        } catch (SQLException e) {
            throw fail(e);
        }
    }

    @Override
    public boolean supportsANSI92EntryLevelSQL() throws SQLException {
        try {
            checkOpen();
            return delegate.supportsANSI92EntryLevelSQL();
        } catch (SQLException e) {
            throw fail(e);
        }
    }

    @Override
    public boolean supportsANSI92FullSQL() throws SQLException {
        try {
            checkOpen();
            return delegate.supportsANSI92FullSQL();
        } catch (SQLException e) {
            throw fail(e);
        }
    }

    @Override
    public boolean supportsANSI92IntermediateSQL() throws SQLException {
        try {
            checkOpen();
            return delegate.supportsANSI92IntermediateSQL();
        } catch (SQLException e) {
            throw fail(e);
        }
    }

    @Override
    public boolean supportsAlterTableWithAddColumn() throws SQLException {
        try {
            checkOpen();
            return delegate.supportsAlterTableWithAddColumn();
        } catch (SQLException e) {
            throw fail(e);
        }
    }

    @Override
    public boolean supportsAlterTableWithDropColumn() throws SQLException {
        try {
            checkOpen();
            return delegate.supportsAlterTableWithDropColumn();
        } catch (SQLException e) {
            throw fail(e);
        }
    }

    @Override
    public boolean supportsBatchUpdates() throws SQLException {
        try {
            checkOpen();
            return delegate.supportsBatchUpdates();
        } catch (SQLException e) {
            throw fail(e);
        }
    }

    @Override
    public boolean supportsCatalogsInDataManipulation() throws SQLException {
        try {
            checkOpen();
            return delegate.supportsCatalogsInDataManipulation();
        } catch (SQLException e) {
            throw fail(e);
        }
    }

    @Override
    public boolean supportsCatalogsInIndexDefinitions() throws SQLException {
        try {
            checkOpen();
            return delegate.supportsCatalogsInIndexDefinitions();
        } catch (SQLException e) {
            throw fail(e);
        }
    }

    @Override
    public boolean supportsCatalogsInPrivilegeDefinitions() throws SQLException {
        try {
            checkOpen();
            return delegate.supportsCatalogsInPrivilegeDefinitions();
        } catch (SQLException e) {
            throw fail(e);
        }
    }

    @Override
    public boolean supportsCatalogsInProcedureCalls() throws SQLException {
        try {
            checkOpen();
            return delegate.supportsCatalogsInProcedureCalls();
        } catch (SQLException e) {
            throw fail(e);
        }
    }

    @Override
    public boolean supportsCatalogsInTableDefinitions() throws SQLException {
        try {
            checkOpen();
            return delegate.supportsCatalogsInTableDefinitions();
        } catch (SQLException e) {
            throw fail(e);
        }
    }

    @Override
    public boolean supportsColumnAliasing() throws SQLException {
        try {
            checkOpen();
            return delegate.supportsColumnAliasing();
        } catch (SQLException e) {
            throw fail(e);
        }
    }

    @Override
    public boolean supportsConvert() throws SQLException {
        try {
            checkOpen();
            return delegate.supportsConvert();
        } catch (SQLException e) {
            throw fail(e);
        }
    }

    @Override
    public boolean supportsConvert(int fromType, int toType) throws SQLException {
        try {
            checkOpen();
            return delegate.supportsConvert(fromType, toType);
        } catch (SQLException e) {
            throw fail(e);
        }
    }

    @Override
    public boolean supportsCoreSQLGrammar() throws SQLException {
        try {
            checkOpen();
            return delegate.supportsCoreSQLGrammar();
        } catch (SQLException e) {
            throw fail(e);
        }
    }

    @Override
    public boolean supportsCorrelatedSubqueries() throws SQLException {
        try {
            checkOpen();
            return delegate.supportsCorrelatedSubqueries();
        } catch (SQLException e) {
            throw fail(e);
        }
    }

    @Override
    public boolean supportsDataDefinitionAndDataManipulationTransactions() throws SQLException {
        try {
            checkOpen();
            return delegate.supportsDataDefinitionAndDataManipulationTransactions();
        } catch (SQLException e) {
            throw fail(e);
        }
    }

    @Override
    public boolean supportsDataManipulationTransactionsOnly() throws SQLException {
        try {
            checkOpen();
            return delegate.supportsDataManipulationTransactionsOnly();
        } catch (SQLException e) {
            throw fail(e);
        }
    }

    @Override
    public boolean supportsDifferentTableCorrelationNames() throws SQLException {
        try {
            checkOpen();
            return delegate.supportsDifferentTableCorrelationNames();
        } catch (SQLException e) {
            throw fail(e);
        }
    }

    @Override
    public boolean supportsExpressionsInOrderBy() throws SQLException {
        try {
            checkOpen();
            return delegate.supportsExpressionsInOrderBy();
        } catch (SQLException e) {
            throw fail(e);
        }
    }

    @Override
    public boolean supportsExtendedSQLGrammar() throws SQLException {
        try {
            checkOpen();
            return delegate.supportsExtendedSQLGrammar();
        } catch (SQLException e) {
            throw fail(e);
        }
    }

    @Override
    public boolean supportsFullOuterJoins() throws SQLException {
        try {
            checkOpen();
            return delegate.supportsFullOuterJoins();
        } catch (SQLException e) {
            throw fail(e);
        }
    }

    @Override
    public boolean supportsGetGeneratedKeys() throws SQLException {
        try {
            checkOpen();
            return delegate.supportsGetGeneratedKeys();
        } catch (SQLException e) {
            throw fail(e);
        }
    }

    @Override
    public boolean supportsGroupBy() throws SQLException {
        try {
            checkOpen();
            return delegate.supportsGroupBy();
        } catch (SQLException e) {
            throw fail(e);
        }
    }

    @Override
    public boolean supportsGroupByBeyondSelect() throws SQLException {
        try {
            checkOpen();
            return delegate.supportsGroupByBeyondSelect();
        } catch (SQLException e) {
            throw fail(e);
        }
    }

    @Override
    public boolean supportsGroupByUnrelated() throws SQLException {
        try {
            checkOpen();
            return delegate.supportsGroupByUnrelated();
        } catch (SQLException e) {
            throw fail(e);
        }
    }

    @Override
    public boolean supportsIntegrityEnhancementFacility() throws SQLException {
        try {
            checkOpen();
            return delegate.supportsIntegrityEnhancementFacility();
        } catch (SQLException e) {
            throw fail(e);
        }
    }

    @Override
    public boolean supportsLikeEscapeClause() throws SQLException {
        try {
            checkOpen();
            return delegate.supportsLikeEscapeClause();
        } catch (SQLException e) {
            throw fail(e);
        }
    }

    @Override
    public boolean supportsLimitedOuterJoins() throws SQLException {
        try {
            checkOpen();
            return delegate.supportsLimitedOuterJoins();
        } catch (SQLException e) {
            throw fail(e);
        }
    }

    @Override
    public boolean supportsMinimumSQLGrammar() throws SQLException {
        try {
            checkOpen();
            return delegate.supportsMinimumSQLGrammar();
        } catch (SQLException e) {
            throw fail(e);
        }
    }

    @Override
    public boolean supportsMixedCaseIdentifiers() throws SQLException {
        try {
            checkOpen();
            return delegate.supportsMixedCaseIdentifiers();
        } catch (SQLException e) {
            throw fail(e);
        }
    }

    @Override
    public boolean supportsMixedCaseQuotedIdentifiers() throws SQLException {
        try {
            checkOpen();
            return delegate.supportsMixedCaseQuotedIdentifiers();
        } catch (SQLException e) {
            throw fail(e);
        }
    }

    @Override
    public boolean supportsMultipleOpenResults() throws SQLException {
        try {
            checkOpen();
            return delegate.supportsMultipleOpenResults();
        } catch (SQLException e) {
            throw fail(e);
        }
    }

    @Override
    public boolean supportsMultipleResultSets() throws SQLException {
        try {
            checkOpen();
            return delegate.supportsMultipleResultSets();
        } catch (SQLException e) {
            throw fail(e);
        }
    }

    @Override
    public boolean supportsMultipleTransactions() throws SQLException {
        try {
            checkOpen();
            return delegate.supportsMultipleTransactions();
        } catch (SQLException e) {
            throw fail(e);
        }
    }

    @Override
    public boolean supportsNamedParameters() throws SQLException {
        try {
            checkOpen();
            return delegate.supportsNamedParameters();
        } catch (SQLException e) {
            throw fail(e);
        }
    }

    @Override
    public boolean supportsNonNullableColumns() throws SQLException {
        try {
            checkOpen();
            return delegate.supportsNonNullableColumns();
        } catch (SQLException e) {
            throw fail(e);
        }
    }

    @Override
    public boolean supportsOpenCursorsAcrossCommit() throws SQLException {
        try {
            checkOpen();
            return delegate.supportsOpenCursorsAcrossCommit();
        } catch (SQLException e) {
            throw fail(e);
        }
    }

    @Override
    public boolean supportsOpenCursorsAcrossRollback() throws SQLException {
        try {
            checkOpen();
            return delegate.supportsOpenCursorsAcrossRollback();
        } catch (SQLException e) {
            throw fail(e);
        }
    }

    @Override
    public boolean supportsOpenStatementsAcrossCommit() throws SQLException {
        try {
            checkOpen();
            return delegate.supportsOpenStatementsAcrossCommit();
        } catch (SQLException e) {
            throw fail(e);
        }
    }

    @Override
    public boolean supportsOpenStatementsAcrossRollback() throws SQLException {
        try {
            checkOpen();
            return delegate.supportsOpenStatementsAcrossRollback();
        } catch (SQLException e) {
            throw fail(e);
        }
    }

    @Override
    public boolean supportsOrderByUnrelated() throws SQLException {
        try {
            checkOpen();
            return delegate.supportsOrderByUnrelated();
        } catch (SQLException e) {
            throw fail(e);
        }
    }

    @Override
    public boolean supportsOuterJoins() throws SQLException {
        try {
            checkOpen();
            return delegate.supportsOuterJoins();
        } catch (SQLException e) {
            throw fail(e);
        }
    }

    @Override
    public boolean supportsPositionedDelete() throws SQLException {
        try {
            checkOpen();
            return delegate.supportsPositionedDelete();
        } catch (SQLException e) {
            throw fail(e);
        }
    }

    @Override
    public boolean supportsPositionedUpdate() throws SQLException {
        try {
            checkOpen();
            return delegate.supportsPositionedUpdate();
        } catch (SQLException e) {
            throw fail(e);
        }
    }

    @Override
    public boolean supportsRefCursors() throws SQLException {
        try {
            checkOpen();
            return delegate.supportsRefCursors();
        } catch (SQLException e) {
            throw fail(e);
        }
    }

    @Override
    public boolean supportsResultSetConcurrency(int type, int concurrency) throws SQLException {
        try {
            checkOpen();
            return delegate.supportsResultSetConcurrency(type, concurrency);
        } catch (SQLException e) {
            throw fail(e);
        }
    }

    @Override
    public boolean supportsResultSetHoldability(int holdability) throws SQLException {
        try {
            checkOpen();
            return delegate.supportsResultSetHoldability(holdability);
        } catch (SQLException e) {
            throw fail(e);
        }
    }

    @Override
    public boolean supportsResultSetType(int type) throws SQLException {
        try {
            checkOpen();
            return delegate.supportsResultSetType(type);
        } catch (SQLException e) {
            throw fail(e);
        }
    }

    @Override
    public boolean supportsSavepoints() throws SQLException {
        try {
            checkOpen();
            return delegate.supportsSavepoints();
        } catch (SQLException e) {
            throw fail(e);
        }
    }

    @Override
    public boolean supportsSchemasInDataManipulation() throws SQLException {
        try {
            checkOpen();
            return delegate.supportsSchemasInDataManipulation();
        } catch (SQLException e) {
            throw fail(e);
        }
    }

    @Override
    public boolean supportsSchemasInIndexDefinitions() throws SQLException {
        try {
            checkOpen();
            return delegate.supportsSchemasInIndexDefinitions();
        } catch (SQLException e) {
            throw fail(e);
        }
    }

    @Override
    public boolean supportsSchemasInPrivilegeDefinitions() throws SQLException {
        try {
            checkOpen();
            return delegate.supportsSchemasInPrivilegeDefinitions();
        } catch (SQLException e) {
            throw fail(e);
        }
    }

    @Override
    public boolean supportsSchemasInProcedureCalls() throws SQLException {
        try {
            checkOpen();
            return delegate.supportsSchemasInProcedureCalls();
        } catch (SQLException e) {
            throw fail(e);
        }
    }

    @Override
    public boolean supportsSchemasInTableDefinitions() throws SQLException {
        try {
            checkOpen();
            return delegate.supportsSchemasInTableDefinitions();
        } catch (SQLException e) {
            throw fail(e);
        }
    }

    @Override
    public boolean supportsSelectForUpdate() throws SQLException {
        try {
            checkOpen();
            return delegate.supportsSelectForUpdate();
        } catch (SQLException e) {
            throw fail(e);
        }
    }

    @Override
    public boolean supportsSharding() throws SQLException {
        try {
            checkOpen();
            return delegate.supportsSharding();
        } catch (SQLException e) {
            throw fail(e);
        }
    }

    @Override
    public boolean supportsStatementPooling() throws SQLException {
        try {
            checkOpen();
            return delegate.supportsStatementPooling();
        } catch (SQLException e) {
            throw fail(e);
        }
    }

    @Override
    public boolean supportsStoredFunctionsUsingCallSyntax() throws SQLException {
        try {
            checkOpen();
            return delegate.supportsStoredFunctionsUsingCallSyntax();
        } catch (SQLException e) {
            throw fail(e);
        }
    }

    @Override
    public boolean supportsStoredProcedures() throws SQLException {
        try {
            checkOpen();
            return delegate.supportsStoredProcedures();
        } catch (SQLException e) {
            throw fail(e);
        }
    }

    @Override
    public boolean supportsSubqueriesInComparisons() throws SQLException {
        try {
            checkOpen();
            return delegate.supportsSubqueriesInComparisons();
        } catch (SQLException e) {
            throw fail(e);
        }
    }

    @Override
    public boolean supportsSubqueriesInExists() throws SQLException {
        try {
            checkOpen();
            return delegate.supportsSubqueriesInExists();
        } catch (SQLException e) {
            throw fail(e);
        }
    }

    @Override
    public boolean supportsSubqueriesInIns() throws SQLException {
        try {
            checkOpen();
            return delegate.supportsSubqueriesInIns();
        } catch (SQLException e) {
            throw fail(e);
        }
    }

    @Override
    public boolean supportsSubqueriesInQuantifieds() throws SQLException {
        try {
            checkOpen();
            return delegate.supportsSubqueriesInQuantifieds();
        } catch (SQLException e) {
            throw fail(e);
        }
    }

    @Override
    public boolean supportsTableCorrelationNames() throws SQLException {
        try {
            checkOpen();
            return delegate.supportsTableCorrelationNames();
        } catch (SQLException e) {
            throw fail(e);
        }
    }

    @Override
    public boolean supportsTransactionIsolationLevel(int level) throws SQLException {
        try {
            checkOpen();
            return delegate.supportsTransactionIsolationLevel(level);
        } catch (SQLException e) {
            throw fail(e);
        }
    }

    @Override
    public boolean supportsTransactions() throws SQLException {
        try {
            checkOpen();
            return delegate.supportsTransactions();
        } catch (SQLException e) {
            throw fail(e);
        }
    }

    @Override
    public boolean supportsUnion() throws SQLException {
        try {
            checkOpen();
            return delegate.supportsUnion();
        } catch (SQLException e) {
            throw fail(e);
        }
    }

    @Override
    public boolean supportsUnionAll() throws SQLException {
        try {
            checkOpen();
            return delegate.supportsUnionAll();
        } catch (SQLException e) {
            throw fail(e);
        }
    }

    @Override
    public boolean updatesAreDetected(int type) throws SQLException {
        try {
            checkOpen();
            return delegate.updatesAreDetected(type);
        } catch (SQLException e) {
            throw fail(e);
        }
    }

    @Override
    public boolean usesLocalFilePerTable() throws SQLException {
        try {
            checkOpen();
            return delegate.usesLocalFilePerTable();
        } catch (SQLException e) {
            throw fail(e);
        }
    }

    @Override
    public boolean usesLocalFiles() throws SQLException {
        try {
            checkOpen();
            return delegate.usesLocalFiles();
        } catch (SQLException e) {
            throw fail(e);
        }
    }
}
